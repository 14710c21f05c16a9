/**
 * XSS check: a port of libinjection_xss.c on top of the HTML5 tokenizer. Input is a binary string.
 * Reads that the C code makes past a token's end are made in the whole input, and past the input's
 * end read as NUL (the terminator of the C string).
 */
import { CaselessTable } from './ascii.js';
import {
  ATTR_NAME,
  ATTR_VALUE,
  DATA_STATE,
  DATA_TEXT,
  DOCTYPE,
  H5State,
  TAG_COMMENT,
  TAG_NAME_OPEN,
  VALUE_BACK_QUOTE,
  VALUE_DOUBLE_QUOTE,
  VALUE_NO_QUOTE,
  VALUE_SINGLE_QUOTE,
} from './html5.js';

const TYPE_NONE = 0;
const TYPE_BLACK = 1; // ban always
const TYPE_ATTR_URL = 2; // the value is a URL
const TYPE_STYLE = 3;
const TYPE_ATTR_INDIRECT = 4; // the attribute *name* is given in the value (SVG)

/** Event names that make "on<name>" a JavaScript handler (from WebKit's EventNames.h). */
const BLACK_ATTR_EVENTS = `ABORT ACTIVATE ACTIVE ADDSOURCEBUFFER ADDSTREAM ADDTRACK AFTERPRINT ANIMATIONCANCEL
ANIMATIONEND ANIMATIONITERATION ANIMATIONSTART AUDIOEND AUDIOPROCESS AUDIOSTART AUTOCOMPLETEERROR AUTOCOMPLETE
BEFOREACTIVATE BEFORECOPY BEFORECUT BEFOREINPUT BEFORELOAD BEFOREPASTE BEFOREPRINT BEFOREUNLOAD BEGINEVENT BLOCKED
BLUR BOUNDARY BUFFEREDAMOUNTLOW CACHED CANCEL CANPLAYTHROUGH CANPLAY CHANGE CHARGINGCHANGE CHARGINGTIMECHANGE
CHECKING CLICK CLOSE COMPLETE COMPOSITIONEND COMPOSITIONSTART COMPOSITIONUPDATE CONNECTING CONNECTIONSTATECHANGE
CONNECT CONTEXTMENU CONTROLLERCHANGE COPY CUECHANGE CUT DATAAVAILABLE DATACHANNEL DBLCLICK DEVICECHANGE DEVICEMOTION
DEVICEORIENTATION DISCHARGINGTIMECHANGE DISCONNECT DOMACTIVATE DOMCHARACTERDATAMODIFIED DOMCONTENTLOADED DOMFOCUSIN
DOMFOCUSOUT DOMNODEINSERTEDINTODOCUMENT DOMNODEINSERTED DOMNODEREMOVEDFROMDOCUMENT DOMNODEREMOVED DOMSUBTREEMODIFIED
DOWNLOADING DRAGEND DRAGENTER DRAGLEAVE DRAGOVER DRAGSTART DRAG DROP DURATIONCHANGE EMPTIED ENCRYPTED ENDED ENDEVENT
END ENTERPICTUREINPICTURE ENTER ERROR EXIT FETCH FINISH FOCUSIN FOCUSOUT FOCUS FORMCHANGE FORMINPUT GAMEPADCONNECTED
GAMEPADDISCONNECTED GESTURECHANGE GESTUREEND GESTURESCROLLEND GESTURESCROLLSTART GESTURESCROLLUPDATE GESTURESTART
GESTURETAPDOWN GESTURETAP GOTPOINTERCAPTURE HASHCHANGE ICECANDIDATEERROR ICECANDIDATE ICECONNECTIONSTATECHANGE
ICEGATHERINGSTATECHANGE INACTIVE INPUTSOURCESCHANGE INPUT INSTALL INVALID KEYDOWN KEYPRESS KEYSTATUSESCHANGE KEYUP
LANGUAGECHANGE LEAVEPICTUREINPICTURE LEVELCHANGE LOADEDDATA LOADEDMETADATA LOADEND LOADINGDONE LOADINGERROR LOADING
LOADSTART LOAD LOSTPOINTERCAPTURE MARK MERCHANTVALIDATION MESSAGEERROR MESSAGE MOUSEDOWN MOUSEENTER MOUSELEAVE
MOUSEMOVE MOUSEOUT MOUSEOVER MOUSEUP MOUSEWHEEL MUTE NEGOTIATIONNEEDED NEXTTRACK NOMATCH NOUPDATE OBSOLETE OFFLINE
ONLINE OPEN ORIENTATIONCHANGE OVERCONSTRAINED OVERFLOWCHANGED PAGEHIDE PAGESHOW PASTE PAUSE PAYERDETAILCHANGE
PAYMENTAUTHORIZED PAYMENTMETHODCHANGE PAYMENTMETHODSELECTED PLAYING PLAY POINTERCANCEL POINTERDOWN POINTERENTER
POINTERLEAVE POINTERLOCKCHANGE POINTERLOCKERROR POINTERMOVE POINTEROUT POINTEROVER POINTERUP POPSTATE PREVIOUSTRACK
PROCESSORERROR PROGRESS PROPERTYCHANGE RATECHANGE READYSTATECHANGE REJECTIONHANDLED REMOVESOURCEBUFFER REMOVESTREAM
REMOVETRACK REMOVE RESET RESIZE RESOURCETIMINGBUFFERFULL RESULT RESUME SCROLL SEARCH SECURITYPOLICYVIOLATION SEEKED
SEEKING SELECTEND SELECTIONCHANGE SELECTSTART SELECT SHIPPINGADDRESSCHANGE SHIPPINGCONTACTSELECTED
SHIPPINGMETHODSELECTED SHIPPINGOPTIONCHANGE SHOW SIGNALINGSTATECHANGE SLOTCHANGE SOUNDEND SOUNDSTART SOURCECLOSE
SOURCEENDED SOURCEOPEN SPEECHEND SPEECHSTART SQUEEZEEND SQUEEZESTART SQUEEZE STALLED STARTED START STATECHANGE STOP
STORAGE SUBMIT SUCCESS SUSPEND TEXTINPUT TIMEOUT TIMEUPDATE TOGGLE TONECHANGE TOUCHCANCEL TOUCHEND TOUCHFORCECHANGE
TOUCHMOVE TOUCHSTART TRACK TRANSITIONCANCEL TRANSITIONEND TRANSITIONRUN TRANSITIONSTART UNCAPTUREDERROR
UNHANDLEDREJECTION UNLOAD UNMUTE UPDATEEND UPDATEFOUND UPDATEREADY UPDATESTART UPDATE UPGRADENEEDED VALIDATEMERCHANT
VERSIONCHANGE VISIBILITYCHANGE VOLUMECHANGE WAITINGFORKEY WAITING WEBGLCONTEXTCHANGED WEBGLCONTEXTCREATIONERROR
WEBGLCONTEXTLOST WEBGLCONTEXTRESTORED WEBKITANIMATIONEND WEBKITANIMATIONITERATION WEBKITANIMATIONSTART
WEBKITBEFORETEXTINSERTED WEBKITBEGINFULLSCREEN WEBKITCURRENTPLAYBACKTARGETISWIRELESSCHANGED WEBKITENDFULLSCREEN
WEBKITFULLSCREENCHANGE WEBKITFULLSCREENERROR WEBKITKEYADDED WEBKITKEYERROR WEBKITKEYMESSAGE WEBKITMOUSEFORCECHANGED
WEBKITMOUSEFORCEDOWN WEBKITMOUSEFORCEUP WEBKITMOUSEFORCEWILLBEGIN WEBKITNEEDKEY WEBKITNETWORKINFOCHANGE
WEBKITPLAYBACKTARGETAVAILABILITYCHANGED WEBKITPRESENTATIONMODECHANGED WEBKITREGIONOVERSETCHANGE
WEBKITREMOVESOURCEBUFFER WEBKITSOURCECLOSE WEBKITSOURCEENDED WEBKITSOURCEOPEN WEBKITSPEECHCHANGE WEBKITTRANSITIONEND
WEBKITWILLREVEALBOTTOM WEBKITWILLREVEALLEFT WEBKITWILLREVEALRIGHT WEBKITWILLREVEALTOP WHEEL WRITEEND WRITESTART WRITE
ZOOM`.split(/\s+/);

const EVENT_SET: ReadonlySet<string> = new Set(BLACK_ATTR_EVENTS);
const EVENT_LENGTHS = [...new Set(BLACK_ATTR_EVENTS.map((e) => e.length))].sort((a, b) => a - b);
const MAX_EVENT_LENGTH = EVENT_LENGTHS[EVENT_LENGTHS.length - 1]!;

const BLACK_ATTRS = new CaselessTable([
  ['ACTION', TYPE_ATTR_URL] as const, // form
  ['ATTRIBUTENAME', TYPE_ATTR_INDIRECT], // SVG
  ['BY', TYPE_ATTR_URL], // SVG
  ['BACKGROUND', TYPE_ATTR_URL], // IE6, O11
  ['DATAFORMATAS', TYPE_BLACK], // IE
  ['DATASRC', TYPE_BLACK], // IE
  ['DYNSRC', TYPE_ATTR_URL], // obsolete img attribute
  ['FILTER', TYPE_STYLE], // Opera, SVG inline style
  ['FORMACTION', TYPE_ATTR_URL], // HTML 5
  ['FOLDER', TYPE_ATTR_URL], // IE, A tags
  ['FROM', TYPE_ATTR_URL], // SVG
  ['HANDLER', TYPE_ATTR_URL], // SVG Tiny, Opera
  ['HREF', TYPE_ATTR_URL],
  ['LOWSRC', TYPE_ATTR_URL], // obsolete img attribute
  ['POSTER', TYPE_ATTR_URL], // Opera 10,11
  ['SRC', TYPE_ATTR_URL],
  ['STYLE', TYPE_STYLE],
  ['TO', TYPE_ATTR_URL], // SVG
  ['VALUES', TYPE_ATTR_URL], // SVG
  ['XLINK:HREF', TYPE_ATTR_URL],
]);

const BLACK_TAGS = new CaselessTable(
  [
  'APPLET',
  'BASE',
  'COMMENT', // IE http://html5sec.org/#38
  'EMBED',
  'FRAME',
  'FRAMESET',
  'HANDLER', // Opera SVG, effectively a script tag
  'IFRAME',
  'IMPORT',
  'ISINDEX',
  'LINK',
  'LISTENER',
  'META',
  'NOSCRIPT',
  'OBJECT',
  'SCRIPT',
  'STYLE',
  'VMLFRAME',
  'XML',
  'XSS',
  ].map((tag) => [tag, 1] as const),
);

function byteAt(s: string, i: number): number {
  return i < s.length ? s.charCodeAt(i) : 0;
}

/** Whether s[start, end) holds the byte `c` (bounded, unlike indexOf, to stay linear). */
function hasByte(s: string, start: number, end: number, c: number): boolean {
  for (let i = start; i < end; i++) if (s.charCodeAt(i) === c) return true;
  return false;
}

function upper(c: number): number {
  return c >= 0x61 && c <= 0x7a ? c - 0x20 : c;
}

/**
 * cstrcasecmp_with_null(a, s+start, n) == 0: the n bytes at `start`, NULs skipped and a-z
 * upper-cased, spell exactly the upper-case `a`.
 */
function equalsIgnoringNulls(a: string, s: string, start: number, n: number): boolean {
  let ai = 0;
  for (let i = start; i < start + n; i++) {
    const cb = byteAt(s, i);
    if (cb === 0) continue;
    if (ai >= a.length || a.charCodeAt(ai) !== upper(cb)) return false;
    ai++;
  }
  return ai === a.length;
}

/** Bytes used by the last htmlDecodeCharAt() call (its C out-parameter). */
let consumed = 0;

/** html_decode_char_at: one (possibly &#...; encoded) char at `pos` of the region ending at `end`. */
function htmlDecodeCharAt(s: string, pos: number, end: number): number {
  const len = end - pos;
  const c0 = byteAt(s, pos);
  consumed = 1;
  if (c0 !== 0x26 || len < 2) return c0;
  if (byteAt(s, pos + 1) !== 0x23) return 0x26; // named entities are not decoded
  let val = 0;
  let i: number;
  const c2 = byteAt(s, pos + 2);
  if (c2 === 0x78 || c2 === 0x58) {
    let d = hexValue(byteAt(s, pos + 3));
    if (d < 0) return 0x26;
    val = d;
    for (i = 4; i < len; i++) {
      const c = s.charCodeAt(pos + i);
      if (c === 0x3b) {
        consumed = i + 1;
        return val;
      }
      d = hexValue(c);
      if (d < 0) break;
      val = val * 16 + d;
      if (val > 0x1000ff) return 0x26;
    }
    consumed = i;
    return val;
  }
  if (c2 < 0x30 || c2 > 0x39) return 0x26;
  val = c2 - 0x30;
  for (i = 3; i < len; i++) {
    const c = s.charCodeAt(pos + i);
    if (c === 0x3b) {
      consumed = i + 1;
      return val;
    }
    if (c < 0x30 || c > 0x39) break;
    val = val * 10 + (c - 0x30);
    if (val > 0x1000ff) return 0x26;
  }
  consumed = i;
  return val;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

/** URL schemes that make an attribute value XSS (JAVA covers JAVASCRIPT). */
const BLACK_URL_PREFIXES = ['DATA', 'VIEW-SOURCE', 'JAVA', 'VBSCRIPT'];

/**
 * htmlencode_startswith() for each of BLACK_URL_PREFIXES at once: whether the HTML-encoded region,
 * ignoring case, leading white space/control chars, NULs and newlines, starts with one of them.
 * The C code decodes the region once per prefix; the decoded chars do not depend on the prefix,
 * so one decoding pass compares them with all the prefixes still matching.
 */
function startsWithBlackScheme(s: string, pos: number, end: number): boolean {
  let alive = (1 << BLACK_URL_PREFIXES.length) - 1; // bit k: prefix k still matches
  let n = 0; // chars compared so far
  let first = true;
  while (pos < end && alive !== 0) {
    const ch = htmlDecodeCharAt(s, pos, end);
    pos += consumed;
    if (first && ch <= 32) continue;
    first = false;
    if (ch === 0 || ch === 10) continue;
    // the C code compares (char)cb: decoded values wrap to a byte
    const cb = upper(ch) & 0xff;
    for (let k = 0; k < BLACK_URL_PREFIXES.length; k++) {
      if ((alive & (1 << k)) === 0) continue;
      const prefix = BLACK_URL_PREFIXES[k]!;
      if (prefix.charCodeAt(n) !== cb) alive &= ~(1 << k);
      else if (n + 1 === prefix.length) return true;
    }
    n++;
  }
  return false;
}

/** Whether the input being checked holds a NUL anywhere (most have none: then no name needs stripping). */
let inputHasNul = false;

/** cstrcasecmp_with_null() against a whole name skips NULs in the token: look up the token without them. */
function lookupName(table: CaselessTable, s: string, start: number, len: number): number {
  if (!inputHasNul || !hasByte(s, start, start + len, 0)) return table.get(s, start, len);
  const stripped = s.substr(start, len).split('\0').join('');
  return table.get(stripped, 0, stripped.length);
}

function isBlackTag(s: string, start: number, len: number): boolean {
  if (len < 3) return false;
  if (lookupName(BLACK_TAGS, s, start, len) !== 0) return true;
  const c0 = upper(s.charCodeAt(start));
  const c1 = upper(s.charCodeAt(start + 1));
  const c2 = upper(s.charCodeAt(start + 2));
  // anything SVG or XSL(T) related
  return (c0 === 0x53 && c1 === 0x56 && c2 === 0x47) || (c0 === 0x58 && c1 === 0x53 && c2 === 0x4c);
}

/**
 * "on" followed by a known event name. As in C this is a prefix match that may read past the
 * token, and a NUL inside the compared bytes defeats it; event names are all letters.
 */
function isEventHandler(s: string, start: number): boolean {
  const from = start + 2;
  let n = 0;
  while (n < MAX_EVENT_LENGTH && from + n < s.length) {
    const c = s.charCodeAt(from + n) | 0x20;
    if (c < 0x61 || c > 0x7a) break;
    n++;
  }
  const letters = s.substr(from, n).toUpperCase();
  for (const len of EVENT_LENGTHS) {
    if (len > n) break;
    if (EVENT_SET.has(letters.slice(0, len))) return true;
  }
  return false;
}

function isBlackAttr(s: string, start: number, len: number): number {
  if (len < 2) return TYPE_NONE;
  if (len >= 5) {
    if (upper(s.charCodeAt(start)) === 0x4f && upper(s.charCodeAt(start + 1)) === 0x4e && isEventHandler(s, start)) {
      return TYPE_BLACK;
    }
    // XMLNS and XLINK can create arbitrary tags
    if (equalsIgnoringNulls('XMLNS', s, start, 5) || equalsIgnoringNulls('XLINK', s, start, 5)) return TYPE_BLACK;
  }
  return lookupName(BLACK_ATTRS, s, start, len);
}

function isBlackUrl(s: string, start: number, len: number): boolean {
  let pos = start;
  const end = start + len;
  // skip white space, control chars and high-bit bytes (Opera's UTF-8 spaces, ignored EUC-JP bytes)
  while (pos < end) {
    const c = s.charCodeAt(pos);
    if (c > 32 && c < 127) break;
    pos++;
  }
  return startsWithBlackScheme(s, pos, end);
}

const h5 = new H5State();

/** libinjection_is_xss: XSS in one starting context of the HTML5 tokenizer. */
export function isXssInContext(s: string, flags: number): boolean {
  inputHasNul = s.indexOf('\0') >= 0;
  return checkContext(s, flags);
}

/** isXssInContext() once inputHasNul is set for `s`. */
function checkContext(s: string, flags: number): boolean {
  h5.init(s, flags);
  let attr = TYPE_NONE;
  while (h5.next()) {
    const type = h5.tokenType;
    const start = h5.tokenStart;
    const len = h5.tokenLen;
    if (type !== ATTR_VALUE) attr = TYPE_NONE;

    if (type === DOCTYPE) {
      return true;
    } else if (type === TAG_NAME_OPEN) {
      if (isBlackTag(s, start, len)) return true;
    } else if (type === ATTR_NAME) {
      attr = isBlackAttr(s, start, len);
    } else if (type === ATTR_VALUE) {
      switch (attr) {
        case TYPE_BLACK:
        case TYPE_STYLE:
          return true;
        case TYPE_ATTR_URL:
          if (isBlackUrl(s, start, len)) return true;
          break;
        case TYPE_ATTR_INDIRECT:
          if (isBlackAttr(s, start, len) !== TYPE_NONE) return true;
          break;
        default:
          break;
      }
      attr = TYPE_NONE;
    } else if (type === DATA_TEXT) {
      h5.skipText();
    } else if (type === TAG_COMMENT) {
      // IE uses '`' as a tag ending char
      if (hasByte(s, start, start + len, 0x60)) return true;
      if (len > 3) {
        const c0 = upper(s.charCodeAt(start));
        const c1 = upper(s.charCodeAt(start + 1));
        const c2 = upper(s.charCodeAt(start + 2));
        if (c0 === 0x5b && c1 === 0x49 && c2 === 0x46) return true; // IE conditional comment [if
        if (c0 === 0x58 && c1 === 0x4d && c2 === 0x4c) return true; // xml
      }
      if (len > 5) {
        // IE <?import pseudo-tag; XML entity definition
        if (equalsIgnoringNulls('IMPORT', s, start, 6) || equalsIgnoringNulls('ENTITY', s, start, 6)) return true;
      }
    }
  }
  return false;
}

/**
 * Every answer yes needs a `<` (a tag, comment or doctype) or an `=` (an attribute name's value:
 * the first value of a quoted context follows no name): without either, all five contexts answer
 * no, and a native search spares their tokenizing (most values of most requests).
 */
const OPENS_OR_ASSIGNS = /[<=]/;

/** libinjection_xss: XSS in any of the five starting contexts. */
export function isXss(s: string): boolean {
  if (!OPENS_OR_ASSIGNS.test(s)) return false;
  inputHasNul = s.indexOf('\0') >= 0;
  return (
    checkContext(s, DATA_STATE) ||
    checkContext(s, VALUE_NO_QUOTE) ||
    checkContext(s, VALUE_SINGLE_QUOTE) ||
    checkContext(s, VALUE_DOUBLE_QUOTE) ||
    checkContext(s, VALUE_BACK_QUOTE)
  );
}
