/**
 * Request body processors (URLENCODED, MULTIPART, JSON, XML). A processor gets the
 * whole buffered body and returns what ModSecurity's variables need. It never
 * throws on malformed input: it reports the error so the engine can set
 * REQBODY_ERROR / REQBODY_ERROR_MSG / REQBODY_PROCESSOR_ERROR.
 */

export interface BodyLimits {
  /** SecRequestBodyJsonDepthLimit */
  jsonDepthLimit: number;
  /** SecArgumentsLimit: stop adding arguments past this count (and report an error). */
  argumentsLimit: number;
  /** SecArgumentSeparator (default `&`) */
  argumentSeparator: string;
  /**
   * SecUploadFileLimit. ModSecurity only counts files it extracts to disk (SecUploadKeepFiles,
   * SecTmpSaveUploadedFiles, @inspectFile); leave undefined when files are not extracted, and
   * MULTIPART_FILE_LIMIT_EXCEEDED then stays 0 as in ModSecurity.
   */
  uploadFileLimit?: number;
}

/** One uploaded file of a multipart body. */
export interface MultipartFile {
  /** The part's `name` (FILES_NAMES) */
  name: string;
  /** The part's `filename` (FILES, MULTIPART_FILENAME) */
  filename: string;
  /** Content size in bytes (FILES_SIZES) */
  size: number;
  /** The content, binary string (kept for @inspectFile-like uses; no temp files are written) */
  content: string;
}

export interface MultipartResult {
  /** Non-file parts in order: [name, value] -> ARGS_POST */
  args: Array<[string, string]>;
  files: MultipartFile[];
  /** Every part's `name` parameter, in order (MULTIPART_NAME) */
  partNames: string[];
  /** Every part's `filename` parameter, when present, in order (MULTIPART_FILENAME) */
  partFilenames: string[];
  /**
   * Raw header lines of every part, keyed by the part's name, without the trailing CRLF
   * (MULTIPART_PART_HEADERS:name), in order: [partName, "Content-Disposition: form-data; ..."].
   */
  partHeaders: Array<[string, string]>;
  /** Sum of file sizes (FILES_COMBINED_SIZE) */
  combinedFileSize: number;
  /**
   * ModSecurity's multipart flags, each 0 or 1: BOUNDARY_QUOTED, BOUNDARY_WHITESPACE,
   * DATA_BEFORE, DATA_AFTER, HEADER_FOLDING, LF_LINE, CRLF_LF_LINES, MISSING_SEMICOLON,
   * INVALID_QUOTING, INVALID_PART, INVALID_HEADER_FOLDING, FILE_LIMIT_EXCEEDED,
   * UNMATCHED_BOUNDARY, plus STRICT_ERROR (the OR that ModSecurity computes).
   * Keys without the `MULTIPART_` prefix.
   */
  flags: Record<string, number>;
  /** Bytes of part headers and non-file part data (what SecRequestBodyNoFilesLimit counts). */
  noFilesLength?: number;
}

/** A parsed XML element tree, enough for the XPath subset CRS uses (`/*`, `//@*`). */
export interface XmlNode {
  type: 'element' | 'text';
  /** element name (with prefix as written) */
  name: string;
  /** text content for text nodes */
  text: string;
  attributes: Array<[string, string]>;
  children: XmlNode[];
}

export interface BodyResult {
  /** Arguments to add to ARGS_POST (and ARGS), in order, as [name, value] binary strings. */
  args: Array<[string, string]>;
  /** Null when the body parsed; else the message for REQBODY_ERROR_MSG. */
  error: string | null;
  /**
   * With `error`: the line ModSecurity v2 writes to the error log (level 2) for the failure,
   * e.g. "Multipart parsing error (init): Multipart: Boundary not found in C-T." where
   * REQBODY_ERROR_MSG is only "Multipart: Boundary not found in C-T.".
   */
  errorLog?: string;
  /** URLENCODED processor: an invalid `%` escape was seen (URLENCODED_ERROR). */
  urlencodedError?: boolean;
  multipart?: MultipartResult;
  /** The document for XML:xpath targets, when the XML processor parsed it. */
  xml?: XmlNode;
}

export interface BodyProcessor {
  /** `URLENCODED`, `MULTIPART`, `JSON`, `XML` */
  name: string;
  /**
   * @param body the whole request body as a binary string
   * @param contentType the Content-Type header value (multipart needs its boundary)
   */
  parse(body: string, contentType: string, limits: BodyLimits): BodyResult;
}
