import { fileURLToPath } from 'node:url';

// The rule set the examples share: portcullis's bundled rules (SQLi, XSS, traversal, command and
// code injection... with anomaly scoring), plus one response rule written here, to show how a
// site adds its own: it keeps a database error string from leaking out in a response.
const bundled = fileURLToPath(new URL('../rules/portcullis.conf', import.meta.url));
export const RULES = String.raw`
Include "${bundled}"
SecResponseBodyAccess On
SecResponseBodyMimeType text/plain text/html application/json
SecRule RESPONSE_BODY "@contains ORA-00933" "id:1002,phase:4,deny,status:403,log,msg:'database error leak'"
`;

export function printUsage(port) {
  const base = `http://127.0.0.1:${port}`;
  console.log(`listening on ${base}
  pass:  curl -i '${base}/search?q=hello'
  block: curl -i '${base}/search?q=1%20UNION%20SELECT%20password%20FROM%20users'
  block: curl -i "${base}/item?id=1'+OR+'1'='1"
  block: curl -i '${base}/file?name=../../etc/passwd'
  pass:  curl -i -H 'content-type: application/json' -d '{"q":"hello"}' ${base}/search
  block: curl -i -H 'content-type: application/x-www-form-urlencoded' -d 'q=1 union select 2' ${base}/search
  block: curl -i '${base}/leak'   (the response body is replaced)`);
}
