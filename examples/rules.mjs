// The tiny rule set the examples share: a SQL injection pattern in any argument (query string or
// body), and a rule that keeps an error string from leaking out in a response.
export const RULES = String.raw`
SecRuleEngine On
SecRequestBodyAccess On
SecResponseBodyAccess On
SecResponseBodyMimeType text/plain text/html application/json
SecRule ARGS "@rx (?i)\bunion\b.{0,100}?\bselect\b" "id:1001,phase:2,deny,status:403,log,msg:'SQL injection',severity:2"
SecRule RESPONSE_BODY "@contains ORA-00933" "id:1002,phase:4,deny,status:403,log,msg:'database error leak'"
`;

export function printUsage(port) {
  const base = `http://127.0.0.1:${port}`;
  console.log(`listening on ${base}
  pass:  curl -i '${base}/search?q=hello'
  block: curl -i '${base}/search?q=1%20UNION%20SELECT%20password%20FROM%20users'
  pass:  curl -i -H 'content-type: application/json' -d '{"q":"hello"}' ${base}/search
  block: curl -i -H 'content-type: application/x-www-form-urlencoded' -d 'q=1 union select 2' ${base}/search
  block: curl -i '${base}/leak'   (the response body is replaced)`);
}
