#!/usr/bin/env python3
"""Writes Ferry's OpenAPI document of /api/v2 from the reference description.

Ferry's /api/v2 follows the reference (../shared/reference/sftpgo-openapi.yaml) to the letter for
every path it implements. This script keeps Ferry's own document in step with it: it takes the
paths listed in PATHS, every component they reference (transitively), and then replaces the prose:
the info block, tags, summaries and descriptions become Ferry's own text (see FERRY_* below);
paths, methods, parameters, schemas, status codes and media types stay exactly as in the reference.

  scripts/openapi-v2.py [--reference FILE] [--out FILE]   writes the document (default: the resource)
  scripts/openapi-v2.py --check                          exits 1 when the committed file is stale

Python 3 standard library only: a small YAML reader and writer for the block style the reference
uses are below. With PyYAML installed, --selfcheck compares the reader with PyYAML on the reference
and the written document.
"""

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference" / "sftpgo-openapi.yaml"
DEFAULT_OUT = ROOT / "ferry-httpd/src/main/resources/ferry/httpd/files/docs/openapi.yaml"

# The paths Ferry implements (issue 12), in the reference's spelling.
PATHS = """
/healthz /version /token /logout /user/token /user/logout /apikeys /apikeys/{id}
/admins /admins/{username} /admin/profile /admin/changepwd /users /users/{username}
/groups /groups/{name} /folders /folders/{name}
/quotas/users/scans /quotas/users/{username}/scan /quotas/users/{username}/usage
/quotas/folders/scans /quotas/folders/{name}/scan /quotas/folders/{name}/usage
/defender/hosts /defender/hosts/{id} /connections /connections/{connectionID} /status
/user/profile /user/changepwd /user/dirs /user/files /user/files/upload /user/files/metadata
/user/file-actions/copy /user/file-actions/move /user/streamzip /user/shares /user/shares/{id}
/shares/{id} /shares/{id}/dirs /shares/{id}/files /shares/{id}/{fileName}
""".split()

FERRY_INFO = {
    "title": "Ferry file server API",
    "description": (
        "The REST face of Ferry's file server, served under /api/v2 next to its SFTP server. Both\n"
        "work on the same accounts, virtual folders, quotas and transfer records.\n\n"
        "Ferry answers every path listed here with the paths, methods, query parameters, JSON\n"
        "fields, enums, status codes and headers of the SFTPGo REST API v2 (the version below), so\n"
        "clients and scripts written for that API work against Ferry unchanged. Paths not listed\n"
        "here are not implemented: they answer 404 with the usual error body.\n\n"
        "Errors always come as `{\"error\": \"...\", \"message\": \"...\"}` with the status that the\n"
        "operation declares. Authenticate with a short-lived token from `GET /token` (admins) or\n"
        "`GET /user/token` (users), sent as `Authorization: Bearer <token>`, or with an API key in\n"
        "the `X-SFTPGO-API-KEY` header.\n"
    ),
}

FERRY_TAG_TEXT = {
    "healthcheck": "Liveness of the server",
    "token": "Tokens for admins and users, and logout",
    "maintenance": "Server version and status",
    "admins": "Administrators and their own profile",
    "API keys": "Keys for machine-to-machine calls",
    "connections": "Live connections over every protocol",
    "defender": "Hosts the Defender scores or bans",
    "quota": "Quota usage and scans of users and folders",
    "folders": "The VFS Library: named storage that users mount as virtual folders",
    "groups": "Groups whose settings users inherit",
    "users": "File server accounts",
    "user APIs": "What a logged-in user does with its own files, shares and profile",
    "public shares": "Shared files and folders, reached by a share's id without an account",
}

FERRY_SECURITY_TEXT = {
    "BasicAuth": "Username and password, only to obtain a token.",
    "BearerAuth": "A token from GET /token or GET /user/token; it expires, and logout revokes it.",
    "APIKeyAuth": (
        "An API key. A key that is not bound to an account names it after a dot:"
        " `<key>.<username>`. Accounts accept keys only with allow_api_key_auth."
    ),
}

# Ferry's own text for some operations, by operationId; the others keep only a summary made from
# their operationId.
FERRY_OPERATION_TEXT = {
    "healthz": "Answers `ok` while the server runs; needs no credentials.",
    "get_token": "Exchanges an admin's HTTP Basic credentials for a short-lived token.",
    "get_user_token": "Exchanges a user's HTTP Basic credentials for a short-lived token.",
    "logout": "Revokes the admin token sent with this request, on every node.",
    "client_logout": "Revokes the user token sent with this request, on every node.",
    "add_api_key": "Creates a key; the key itself is in this answer only and is never shown again.",
    "create_user_file": (
        "Writes the request body to one file. The body streams to storage and the file appears at"
        " its path only when the body is complete."
    ),
    "download_user_file": "Streams a file; `Range` requests are answered with 206.",
    "streamzip": "Streams the given files and directories as one zip archive.",
}

# What the numbers of some enums mean, in Ferry's words.
FERRY_SCHEMA_TEXT = {
    "FsProviders": (
        "Storage kind: 0 local disk, 1 S3, 2 Google Cloud Storage, 3 Azure Blob Storage,"
        " 4 encrypted local disk, 5 SFTP, 6 HTTP."
    ),
    "APIKeyScope": "Whose key: 1 an admin's, 2 a user's.",
    "ShareScope": "What a share allows: 1 reading, 2 writing.",
}

# Summaries of the operations that have no operationId in the reference.
FERRY_SUMMARY_BY_ROUTE = {
    "post /user/file-actions/copy": "Copy a file or directory",
    "post /user/file-actions/move": "Move a file or directory",
}

HTTP_REASONS = {
    "200": "OK", "201": "Created", "202": "Accepted", "204": "No Content", "206": "Partial Content",
    "400": "Bad Request", "401": "Unauthorized", "403": "Forbidden", "404": "Not Found",
    "409": "Conflict", "413": "Content Too Large", "416": "Range Not Satisfiable",
    "429": "Too Many Requests", "500": "Internal Server Error", "503": "Service Unavailable",
}

HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


# --- a small YAML reader: block mappings and sequences, plain / quoted / block scalars, flow [] {} ---

class YamlError(Exception):
    pass


class Reader:
    def __init__(self, text):
        self.lines = []  # [indent, content, raw] of every line; comments and blanks kept for block scalars
        for raw in text.split("\n"):
            stripped = raw.lstrip(" ")
            self.lines.append([len(raw) - len(stripped), stripped.rstrip(), raw])
        self.i = 0

    def _skip(self):
        while self.i < len(self.lines):
            _, content, _ = self.lines[self.i]
            if content and not content.startswith("#"):
                return True
            self.i += 1
        return False

    def document(self):
        if not self._skip():
            return None
        node = self._node(self.lines[self.i][0])
        if self._skip():
            raise YamlError(f"line {self.i + 1}: unexpected content")
        return node

    def _node(self, indent):
        ind, content, _ = self.lines[self.i]
        if ind < indent:
            return None
        if content == "-" or content.startswith("- "):
            return self._sequence(ind)
        return self._mapping(ind)

    def _sequence(self, ind):
        out = []
        while self._skip():
            i, content, _ = self.lines[self.i]
            if i != ind or not (content == "-" or content.startswith("- ")):
                break
            rest = content[1:].lstrip(" ")
            if not rest:
                self.i += 1
                out.append(self._node(ind + 1) if self._skip() and self.lines[self.i][0] > ind else None)
            elif _mapping_key(rest) is not None:
                # "- key: value": the item is a mapping whose keys sit where "key" starts
                self.lines[self.i] = [ind + len(content) - len(rest), rest, self.lines[self.i][2]]
                out.append(self._mapping(self.lines[self.i][0]))
            else:
                self.i += 1
                out.append(self._inline(rest, ind))
        return out

    def _mapping(self, ind):
        out = {}
        while self._skip():
            i, content, _ = self.lines[self.i]
            if i != ind or content.startswith("- ") or content == "-":
                if i > ind:
                    raise YamlError(f"line {self.i + 1}: bad indentation")
                break
            parsed = _mapping_key(content)
            if parsed is None:
                raise YamlError(f"line {self.i + 1}: expected 'key: value'")
            key, rest = parsed
            if key in out:
                raise YamlError(f"line {self.i + 1}: duplicate key {key!r}")
            self.i += 1
            if rest == "":
                if self._skip() and (self.lines[self.i][0] > ind or (
                        self.lines[self.i][0] == ind and self.lines[self.i][1].startswith("- "))):
                    out[key] = self._node(self.lines[self.i][0])
                else:
                    out[key] = None
            elif rest[0] in "|>":
                out[key] = self._block_scalar(rest, ind)
            else:
                out[key] = self._inline(rest, ind)
        return out

    def _block_scalar(self, header, ind):
        style, chomp = header[0], ""
        for ch in header[1:]:
            if ch in "+-":
                chomp = ch
            elif not ch.isdigit():
                raise YamlError(f"line {self.i}: unsupported block scalar header {header!r}")
        body, content_ind = [], None
        while self.i < len(self.lines):
            i, content, raw = self.lines[self.i]
            if content == "":
                body.append("")
                self.i += 1
                continue
            if content_ind is None:
                content_ind = i
            if i < content_ind or i <= ind:
                break
            body.append(raw[content_ind:].rstrip(" ") if style == ">" else raw[content_ind:])
            self.i += 1
        trailing = 0
        while body and body[-1] == "":
            body.pop()
            trailing += 1
        if style == "|":
            text = "\n".join(body)
        else:  # folded: a line break between two plain lines is a space; more-indented lines keep theirs
            text, prev, blanks = "", None, 0
            for line in body:
                if line == "":
                    blanks += 1
                    continue
                if prev is None:
                    text = "\n" * blanks + line
                else:
                    kept = prev.startswith(" ") or line.startswith(" ")
                    text += ("\n" * (blanks + 1) if kept else "\n" * blanks if blanks else " ") + line
                prev, blanks = line, 0
        if chomp == "-" or not body:
            return text
        return text + ("\n" * (trailing + 1) if chomp == "+" else "\n")

    def _inline(self, rest, ind):
        """A scalar or flow collection after 'key:' or '- ', with its continuation lines."""
        text = rest
        while self.i < len(self.lines):  # multi-line plain or quoted scalars
            i, content, _ = self.lines[self.i]
            if content == "" or i <= ind or content.startswith("#"):
                break
            if text[0] not in "'\"" and _mapping_key(content) is not None:
                break
            text += "\n" + content
            self.i += 1
        value, end = _flow(text, 0)
        if text[end:].strip() and not text[end:].strip().startswith("#"):
            raise YamlError(f"line {self.i}: trailing text {text[end:]!r}")
        return value


def _mapping_key(content):
    """(key, rest) when the line is 'key: rest' or 'key:', else None."""
    if content[0] in "'\"":
        key, end = _quoted(content, 0)
        if content[end:end + 1] == ":" and content[end + 1:end + 2] in ("", " "):
            return key, content[end + 1:].strip()
        return None
    if content[0] in "[{":
        return None
    m = re.match(r"([^#]*?):(?: +(.*)|$)", content)
    if not m or m.group(1) == "" or m.group(1).startswith("- "):
        return None
    return m.group(1), (m.group(2) or "").strip()


def _quoted(s, pos):
    quote, out, i = s[pos], [], pos + 1
    while i < len(s):
        ch = s[i]
        if quote == "'" and ch == "'":
            if s[i + 1:i + 2] == "'":
                out.append("'")
                i += 2
                continue
            return _fold("".join(out)), i + 1
        if quote == '"' and ch == "\\":
            esc = s[i + 1]
            simple = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "/": "/", "0": "\0", " ": " "}
            if esc in simple:
                out.append(simple[esc])
                i += 2
            elif esc == "u":
                out.append(chr(int(s[i + 2:i + 6], 16)))
                i += 6
            elif esc == "\n":
                i += 2
                while i < len(s) and s[i] == " ":
                    i += 1
            else:
                raise YamlError(f"unsupported escape \\{esc}")
            continue
        if quote == '"' and ch == '"':
            return _fold("".join(out)), i + 1
        out.append(ch)
        i += 1
    raise YamlError(f"unterminated string {s[pos:pos + 40]!r}")


def _fold(s):
    """Line folding of a multi-line flow scalar: a line break is a space, a blank line a newline."""
    if "\n" not in s:
        return s
    lines = [line.strip(" ") for line in s.split("\n")]
    out = lines[0]
    for prev, line in zip(lines, lines[1:]):
        if line == "":
            out += "\n"
        else:
            out += ("" if prev == "" else " ") + line
    return out


def _flow(s, pos):
    """A flow node at s[pos]: [..], {..}, a quoted or a plain scalar; returns (value, end)."""
    while pos < len(s) and s[pos] in " \n":
        pos += 1
    ch = s[pos]
    if ch in "'\"":
        return _quoted(s, pos)
    if ch in "[{":
        close, items, mapping = ("]" if ch == "[" else "}"), [], {}
        pos += 1
        while True:
            while s[pos] in " \n,":
                pos += 1
            if s[pos] == close:
                return (items if ch == "[" else mapping), pos + 1
            if ch == "[":
                value, pos = _flow(s, pos)
                items.append(value)
            else:
                key, pos = _flow(s, pos)
                while s[pos] == " ":
                    pos += 1
                if s[pos] != ":":
                    raise YamlError(f"expected ':' in {s!r}")
                mapping[key], pos = _flow(s, pos + 1)
    # plain scalar: up to ' #', or in flow context a flow indicator
    end = pos
    in_flow = any(c in s[:pos] for c in "[{")
    while end < len(s):
        if s[end] == "#" and end > 0 and s[end - 1] in " \n":
            break
        if in_flow and s[end] in ",]}":
            break
        if in_flow and s[end] == ":" and s[end + 1:end + 2] in (" ", ""):
            break
        end += 1
    return _plain(_fold(s[pos:end].strip())), end


def _plain(s):
    if s in ("", "~", "null", "Null", "NULL"):
        return None
    if s in ("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"):
        return True
    if s in ("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"):
        return False
    if re.fullmatch(r"[-+]?(0|[1-9][0-9_]*)", s):
        return int(s.replace("_", ""))
    if re.fullmatch(r"[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)?", s) and s not in (".", "+.", "-."):
        return float(s.replace("_", ""))
    if re.fullmatch(r"\d{4}-\d\d?-\d\d?([Tt ].*)?", s):
        raise YamlError(f"a timestamp scalar {s!r}: quote it")
    return s


def read_yaml(text):
    return Reader(text).document()


# --- a small YAML writer: block style, strings quoted only when a plain scalar would read back differently ---

PLAIN_SAFE = re.compile(r"[A-Za-z_/$.(][^:#'\"\n\t{}\[\],&*!|>%@`]*")


def _scalar(v):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return repr(v)
    s = str(v)
    if PLAIN_SAFE.fullmatch(s) and not s.endswith(" ") and _plain_roundtrips(s):
        return s
    if "\n" not in s and all(c >= " " for c in s):
        return "'" + s.replace("'", "''") + "'"
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def _plain_roundtrips(s):
    try:
        return _plain(s) == s and ": " not in s and " #" not in s
    except YamlError:
        return False


def write_yaml(node, indent=0):
    out = []
    _write(node, indent, out)
    return "\n".join(out) + "\n"


def _write(node, ind, out):
    pad = " " * ind
    if isinstance(node, dict):
        for k, v in node.items():
            key = _scalar(str(k))
            if isinstance(v, dict) and v:
                out.append(f"{pad}{key}:")
                _write(v, ind + 2, out)
            elif isinstance(v, list) and v:
                out.append(f"{pad}{key}:")
                _write(v, ind + 2, out)
            elif isinstance(v, str) and "\n" in v and not v.startswith((" ", "\n")) and "\t" not in v:
                chomp = "" if v.endswith("\n") and not v.endswith("\n\n") else "-" if not v.endswith("\n") else "+"
                out.append(f"{pad}{key}: |{chomp}")
                body = v[:-1] if v.endswith("\n") else v
                if chomp == "+":
                    body = v[:-1]
                for line in body.split("\n"):
                    out.append(f"{pad}  {line}" if line else "")
            else:
                out.append(f"{pad}{key}: {_flow_text(v)}")
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, dict) and item:
                sub = []
                _write(item, ind + 2, sub)
                out.append(f"{pad}- {sub[0][ind + 2:]}")
                out.extend(sub[1:])
            elif isinstance(item, list) and item:
                out.append(f"{pad}-")
                _write(item, ind + 2, out)
            else:
                out.append(f"{pad}- {_flow_text(item)}")
    else:
        out.append(pad + _scalar(node))


def _flow_text(v):
    if isinstance(v, dict):
        return "{}"
    if isinstance(v, list):
        return "[]"
    return _scalar(v)


# --- the subset ---

def refs_in(node, found):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str):
                if not v.startswith("#/components/"):
                    raise SystemExit(f"openapi-v2: an external $ref {v}")
                found.add(tuple(v[len("#/components/"):].split("/", 1)))
            else:
                refs_in(v, found)
    elif isinstance(node, list):
        for v in node:
            refs_in(v, found)


def components_of(ref, paths):
    """Every component the paths reference, transitively: {kind: [names in reference order]}."""
    todo, seen = set(), set()
    refs_in(paths, todo)
    while todo:
        kind, name = todo.pop()
        if (kind, name) in seen:
            continue
        seen.add((kind, name))
        try:
            node = ref["components"][kind][name]
        except KeyError:
            raise SystemExit(f"openapi-v2: the reference has no #/components/{kind}/{name}")
        refs_in(node, todo)
    return seen


def humanize(operation_id):
    words = re.sub(r"([a-z])([A-Z])", r"\1 \2", operation_id).replace("_", " ").split()
    text = " ".join(words).lower()
    return text[:1].upper() + text[1:]


DATA_KEYS = {"example", "examples", "default", "enum"}


def rewrite_prose(node, where):
    """Drops the reference's prose (description, summary) everywhere but in data and property
    names; response objects, which must have a description, get the HTTP reason phrase."""
    if isinstance(node, list):
        return [rewrite_prose(v, where) for v in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for k, v in node.items():
        if where == "names":  # keys are names (properties, responses, media types, paths): keep all
            out[k] = rewrite_prose(v, "node")
            continue
        if k in ("description", "summary", "title") and isinstance(v, str):
            continue
        if k in DATA_KEYS:
            out[k] = v
        elif k in ("properties", "responses", "content", "paths", "schemas", "parameters", "headers",
                   "securitySchemes", "patternProperties") and isinstance(v, dict):
            out[k] = rewrite_prose(v, "names")
        else:
            out[k] = rewrite_prose(v, "node")
    return out


def response_descriptions(responses, component_names=False):
    for code, resp in responses.items():
        if "$ref" in resp:
            continue
        if component_names:  # BadRequest -> Bad Request
            text = re.sub(r"([a-z])([A-Z])", r"\1 \2", code)
        else:
            text = HTTP_REASONS.get(code, "Unexpected error" if code == "default" else f"HTTP {code}")
        resp_items = list(resp.items())
        resp.clear()
        resp["description"] = text
        resp.update(resp_items)


def subset(ref):
    missing = [p for p in PATHS if p not in ref["paths"]]
    if missing:
        raise SystemExit(f"openapi-v2: the reference has no path {', '.join(missing)}")
    paths = {p: ref["paths"][p] for p in ref["paths"] if p in PATHS}  # the reference's order
    needed = components_of(ref, paths)
    components = {}
    for kind, entries in ref["components"].items():
        kept = {n: v for n, v in entries.items() if (kind, n) in needed or kind == "securitySchemes"}
        if kept:
            components[kind] = kept

    doc = {"openapi": ref["openapi"]}
    used_tags = []
    for item in paths.values():
        for method, op in item.items():
            if method in HTTP_METHODS:
                for t in op.get("tags", []):
                    if t not in used_tags:
                        used_tags.append(t)
    order = [t["name"] for t in ref.get("tags", [])]
    used_tags.sort(key=lambda t: order.index(t) if t in order else len(order))
    doc["tags"] = [{"name": t, "description": FERRY_TAG_TEXT[t]} if t in FERRY_TAG_TEXT else {"name": t}
                   for t in used_tags]
    doc["info"] = {"title": FERRY_INFO["title"], "description": FERRY_INFO["description"],
                   "version": ref["info"]["version"]}
    doc["servers"] = ref["servers"]
    doc["security"] = ref["security"]
    doc["paths"] = rewrite_prose(paths, "names")
    doc["components"] = rewrite_prose(components, "node")

    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method not in HTTP_METHODS:
                continue
            op_id = op.get("operationId")
            text = {"summary": humanize(op_id) if op_id else FERRY_SUMMARY_BY_ROUTE[f"{method} {path}"]}
            if op_id in FERRY_OPERATION_TEXT:
                text["description"] = FERRY_OPERATION_TEXT[op_id]
            rest = {k: v for k, v in op.items() if k not in ("summary", "description")}
            tags = {"tags": rest.pop("tags")} if "tags" in rest else {}
            op.clear()
            op.update(tags)
            op.update(text)
            op.update(rest)
            response_descriptions(op.get("responses", {}))
    response_descriptions(doc["components"].get("responses", {}), component_names=True)
    for name, text in FERRY_SCHEMA_TEXT.items():
        schema = doc["components"]["schemas"].get(name)
        if schema is not None:
            items = list(schema.items())
            schema.clear()
            schema["description"] = text
            schema.update(items)
    for name, scheme in doc["components"].get("securitySchemes", {}).items():
        if name in FERRY_SECURITY_TEXT:
            scheme["description"] = FERRY_SECURITY_TEXT[name]
    return doc


HEADER = (
    "# Ferry's OpenAPI document of /api/v2, written by scripts/openapi-v2.py from the reference\n"
    "# description (paths, parameters, schemas and statuses as there; Ferry's own text). Regenerate\n"
    "# with that script rather than editing this file.\n"
)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="exit 1 when --out differs from what would be written")
    ap.add_argument("--selfcheck", action="store_true", help="compare the YAML reader and writer with PyYAML")
    args = ap.parse_args()
    if not args.reference.is_file():
        raise SystemExit(f"openapi-v2: no reference description at {args.reference} (pass --reference)")
    ref_text = args.reference.read_text(encoding="utf-8")
    ref = read_yaml(ref_text)
    doc = subset(ref)
    text = HEADER + write_yaml(doc)
    if read_yaml(text) != doc:
        raise SystemExit("openapi-v2: the written YAML does not read back as the document (a writer bug)")
    if args.selfcheck:
        import yaml  # PyYAML, only for this check
        assert yaml.safe_load(ref_text) == ref, "the reader differs from PyYAML on the reference"
        assert yaml.safe_load(text) == doc, "PyYAML reads the written document differently"
        print("openapi-v2: reader and writer agree with PyYAML")
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
        if current != text:
            print(f"openapi-v2: {args.out} is stale; run scripts/openapi-v2.py", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    n_ops = sum(1 for item in doc["paths"].values() for m in item if m in HTTP_METHODS)
    n_comp = sum(len(v) for v in doc["components"].values())
    print(f"openapi-v2: {len(doc['paths'])} paths, {n_ops} operations, {n_comp} components -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
