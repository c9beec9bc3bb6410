"""A bounded look at a PDF's raw bytes before any PDF library opens it, so a file built to exhaust a reader
is refused in seconds with a clear line instead of hanging or filling memory.

A PDF can be small and still ask a reader for unbounded work: streams that inflate a thousandfold, a
font's character map that spans four billion codes, drawings (form XObjects) that draw each other twice
28 levels deep, thirty pages that share one huge content stream, millions of operators or characters on
a page. Byte limits alone catch none of the last four. This module finds the objects itself (no PDF
library involved), decodes streams with its own bounded decoders, and adds up the work a reader would
do for the pages it reads: every content stream and drawing is counted each time it is drawn, without
drawing anything. `prescan` raises InputError("too-large") when that work passes a limit in `Limits`.

It is a bound, not a parser: what it cannot read (encrypted streams, unknown filters, damaged data) it
skips, and the PDF library then reads the file as usual.
"""

from __future__ import annotations

import base64
import bisect
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import NoReturn

from atscheck.errors import InputError
from atscheck.extract.limits import Limits

_REFUSED = "Export your resume again from your editor (File > Save As / Export > PDF) and check the new file."
INFLATE_MESSAGE = (
    "This PDF unpacks to far more data than any resume (it may be a 'decompression bomb'); reading stopped. " + _REFUSED
)


def _too_much(what: str) -> InputError:
    return InputError(
        "too-large",
        f"This PDF asks for far more work than any resume ({what}); it may be built to hang PDF readers, so "
        f"reading stopped. {_REFUSED}",
    )


# --- PDF objects, just enough of them -------------------------------------------------------------------


class Name(str):
    """A PDF name (/Type), kept apart from strings."""


@dataclass(frozen=True)
class Ref:
    number: int


_DELIMITERS = rb"()<>\[\]{}/%"
_OBJECT_TOKEN = re.compile(
    rb"\s*+(?:"
    rb"(?P<ref>\d++\s++\d++\s++R\b)"
    rb"|(?P<num>[+-]?(?:\d++\.?+\d*+|\.\d++))"
    rb"|(?P<name>/[^\s()<>\[\]{}/%]*+)"
    rb"|(?P<open><<|\[)|(?P<close>>>|\])"
    rb"|(?P<hex><[0-9A-Fa-f\s]*+>)"
    rb"|(?P<lit>\((?:[^\\()]++|\\.|\((?:[^\\()]++|\\.)*+\))*+\))"  # one level of nested ( )
    rb"|(?P<comment>%[^\r\n]*+)"
    rb"|(?P<word>[^\s()<>\[\]{}/%]++)"
    rb"|(?P<other>.))",
    re.S,
)
MAX_NESTING = 64  # dictionaries and arrays inside each other; deeper values are left unread
_STOP = object()  # an object whose value could not be read


def parse_value(data: bytes, start: int, end: int) -> tuple[object, int]:
    """One PDF value from data[start:end] and the position after it, without recursion (a 100,000-deep
    array is a loop, not a stack overflow). Returns _STOP for what it cannot read."""
    stack: list[list[object]] = []
    position = start
    while position < end:
        match = _OBJECT_TOKEN.match(data, position, end)
        if not match or match.end() == position:
            return _STOP, end
        position = match.end()
        kind = match.lastgroup
        text = match.group(kind or 0)
        value: object
        if kind == "comment":
            continue
        if kind == "open":
            if len(stack) >= MAX_NESTING:
                return _STOP, position
            stack.append([text])
            continue
        if kind == "close":
            if not stack:
                return _STOP, position
            opened, *items = stack.pop()
            if opened == b"<<":
                value = {items[i]: items[i + 1] for i in range(0, len(items) - 1, 2) if isinstance(items[i], Name)}
            else:
                value = items
        elif kind == "ref":
            value = Ref(int(text.split()[0]))
        elif kind == "num":
            value = float(text) if b"." in text else int(text)
        elif kind == "name":
            value = Name(text[1:].decode("latin-1"))
        elif kind in ("hex", "lit"):
            value = text
        elif kind == "word":
            if not stack:  # a keyword (stream, endobj, true, null) ends a top-level value
                return (text if text in (b"true", b"false", b"null") else _STOP), match.start(kind)
            value = text
        else:
            return _STOP, position
        if not stack:
            return value, position
        stack[-1].append(value)
    return _STOP, end


# --- Bounded stream decoders ----------------------------------------------------------------------------


class Budget:
    """Bytes all streams of one file may decode to, together."""

    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise InputError("too-large", INFLATE_MESSAGE)


_CHUNK = 1 << 20


def _flate(data: bytes, budget: Budget) -> bytes:
    inflater = zlib.decompressobj()
    parts: list[bytes] = []
    pending = data
    try:
        while pending:
            chunk = inflater.decompress(pending, _CHUNK)
            budget.spend(len(chunk))
            parts.append(chunk)
            pending = inflater.unconsumed_tail
            if inflater.eof or not chunk:
                break
    except zlib.error:
        pass  # damaged: keep what was decoded, as readers do
    return b"".join(parts)


def _lzw(data: bytes, budget: Budget, early: int = 1) -> bytes:
    out = bytearray()
    table: list[bytes] = [bytes([i]) for i in range(256)] + [b"", b""]
    width, buffer, bits, previous = 9, 0, 0, b""
    for byte in data:
        buffer, bits = (buffer << 8) | byte, bits + 8
        while bits >= width:
            bits -= width
            code = (buffer >> bits) & ((1 << width) - 1)
            if code == 256:  # clear table
                del table[258:]
                width, previous = 9, b""
                continue
            if code == 257:  # end of data
                return bytes(out)
            if code < len(table):
                entry = table[code]
                if previous:
                    table.append(previous + entry[:1])
            elif previous and code == len(table):
                entry = previous + previous[:1]
                table.append(entry)
            else:
                return bytes(out)  # damaged
            budget.spend(len(entry))
            out += entry
            previous = entry
            if len(table) + early >= (1 << width) and width < 12:
                width += 1
        buffer &= (1 << bits) - 1
    return bytes(out)


def _run_length(data: bytes, budget: Budget) -> bytes:
    out = bytearray()
    index = 0
    while index < len(data):
        length = data[index]
        if length == 128:
            break
        if length < 128:
            piece = data[index + 1 : index + length + 2]
            index += length + 2
        else:
            piece = data[index + 1 : index + 2] * (257 - length)
            index += 2
        budget.spend(len(piece))
        out += piece
    return bytes(out)


def _ascii_hex(data: bytes, budget: Budget) -> bytes:
    digits = re.sub(rb"[^0-9A-Fa-f]", b"", data.split(b">", 1)[0])
    if len(digits) % 2:
        digits += b"0"
    budget.spend(len(digits) // 2)
    return bytes.fromhex(digits.decode())


def _ascii85(data: bytes, budget: Budget) -> bytes:
    body = re.sub(rb"\s", b"", data.split(b"~>", 1)[0])
    if body.startswith(b"<~"):
        body = body[2:]
    budget.spend(len(body) * 5 // 4 + body.count(b"z") * 4)  # before decoding: z is four zero bytes
    try:
        return base64.a85decode(body)
    except ValueError:
        return b""


_DECODERS: dict[str, Callable[[bytes, Budget], bytes]] = {
    "FlateDecode": _flate,
    "Fl": _flate,
    "LZWDecode": _lzw,
    "LZW": _lzw,
    "RunLengthDecode": _run_length,
    "RL": _run_length,
    "ASCIIHexDecode": _ascii_hex,
    "AHx": _ascii_hex,
    "ASCII85Decode": _ascii85,
    "A85": _ascii85,
}


def decode(data: bytes, filters: object, budget: Budget) -> bytes | None:
    """The stream's data through its filters, every byte produced charged to `budget`; None when a filter
    is one this module does not decode (images, encryption)."""
    names = filters if isinstance(filters, list) else [filters] if filters is not None else []
    for name in names:
        decoder = _DECODERS.get(name) if isinstance(name, Name) else None
        if decoder is None:
            return None
        data = decoder(data, budget)
    return data


# --- What drawing a content stream costs -----------------------------------------------------------------

_STRING = re.compile(rb"\((?:[^\\()]++|\\.|\((?:[^\\()]++|\\.)*+\))*+\)|<[0-9A-Fa-f\s]*+>(?!>)", re.S)
_DO = re.compile(rb"/([^\s()<>\[\]{}/%]++)\s*+Do(?![^\s()<>\[\]{}/%])")
_REGULAR = frozenset(set(range(256)) - set(b" \t\r\n\f\x00()<>[]{}/%"))
_WHITESPACE = b" \t\r\n\f\x00"
_COUNT_CHUNK = 1 << 20


def _without_inline_images(data: bytes) -> bytes:
    """The content without inline images' binary data (BI ... ID data EI), which is not instructions."""
    pieces: list[bytes] = []
    position = search = 0
    while (start := data.find(b"ID", search)) >= 0:
        search = start + 2
        if (start and data[start - 1] in _REGULAR) or data[start + 2 : start + 3] not in (b" ", b"\n", b"\r", b"\t"):
            continue  # part of a longer word
        end = data.find(b"EI", start + 3)
        while end >= 0 and (data[end - 1] not in _WHITESPACE or data[end + 2 : end + 3] not in (b"", *_SPACES)):
            end = data.find(b"EI", end + 2)
        pieces.append(data[position:start])
        if end < 0:
            return b" ".join(pieces)
        position = search = end + 2
    return b" ".join([*pieces, data[position:]]) if pieces else data


_SPACES = tuple(bytes([c]) for c in _WHITESPACE)


def count_operations(data: bytes, stop: int) -> int:
    """Operators and operands in content `data` (an upper bound: each word, each delimiter), counted a
    megabyte at a time and no further than `stop`, so a flood of operators costs little to refuse."""
    count = position = 0
    while position < len(data) and count <= stop:
        end = min(position + _COUNT_CHUNK, len(data))
        if end < len(data):  # end the piece at white space, so no word is counted twice
            space = max(data.rfind(c, position, end) for c in (b" ", b"\n", b"\r"))
            end = space + 1 if space > position else end
        piece = data[position:end]
        count += len(piece.split()) + sum(piece.count(c) for c in (b"(", b"<", b"[", b"]", b"/"))
        position = end
    return count


@dataclass(frozen=True)
class Cost:
    """What a reader does to draw one content stream once (its own operators, not what it draws)."""

    operations: int  # tokens: operators and operands
    characters: int  # bytes of the strings it shows
    size: int  # decoded bytes the reader lexes
    draws: Counter[str] = field(default_factory=Counter)  # XObject name -> times drawn


def content_cost(data: bytes, limits: Limits, exact: bool = True) -> Cost:
    """What drawing `data` once costs; with `exact` False, upper bounds of its operations and characters
    from its size alone (no word of it counted), for a first pass that most files pass by far."""
    data = _without_inline_images(data) if b"ID" in data else data
    draws = Counter(name.decode("latin-1") for name in _DO.findall(data)) if b"Do" in data else Counter()
    if not exact:
        # count_operations counts, in a piece of n bytes, at most (n + 1) / 2 words and n delimiters: over
        # all pieces, at most twice the bytes.
        return Cost(2 * len(data) + 1, len(data), len(data), draws)
    operations = count_operations(data, limits.max_operations)
    if operations > limits.max_operations:
        return Cost(operations, 0, len(data))  # refused anyway; the strings need not be counted
    characters = len(data) - len(_STRING.sub(b"", data))
    return Cost(operations, characters, len(data), draws)


_RANGE = re.compile(rb"<([0-9A-Fa-f]{1,8})>\s*+<([0-9A-Fa-f]{1,8})>")
_RANGE_SECTION = re.compile(rb"begin(?:bf|cid)range(.*?)end(?:bf|cid)range", re.S)


def cmap_codes(data: bytes) -> int:
    """How many character codes the ranges of a CMap (a font's ToUnicode map) span: a reader makes an
    entry for each."""
    if b"range" not in data:
        return 0
    return sum(
        max(0, int(high, 16) - int(low, 16) + 1)
        for section in _RANGE_SECTION.findall(data)
        for low, high in _RANGE.findall(section)
    )


# --- The scan --------------------------------------------------------------------------------------------

# Found from the keyword back (a literal is searched fast; a pattern starting with digits is tried at every
# digit of a cross-reference table). "endobj" is told apart after the match: a look-behind in the pattern
# would make the search try every byte (30 times slower).
_OBJ_KEYWORD = re.compile(rb"obj(?![^\s()<>\[\]{}/%])")
_OBJ_HEAD = re.compile(rb"(?<![0-9])(\d{1,10})\s{1,8}\d{1,5}\s{1,8}\Z")
_STREAM = re.compile(rb"\s*+stream(?:\r\n|\n|\r)")
_TRAILER = re.compile(rb"trailer\s*+(?=<<)")
_STREAM_KEYWORD = re.compile(rb"stream(?:\r\n|\n|\r)")
_CATALOG = re.compile(rb"/Type\s*+/Catalog(?![^\s()<>\[\]{}/%])")
_PAGE = re.compile(rb"/Type\s*+/Page(?![^\s()<>\[\]{}/%])")


@dataclass
class _Stream:
    info: dict[object, object]
    raw: bytes


class _Scan:
    def __init__(self, data: bytes, limits: Limits) -> None:
        self.data = data
        self.limits = limits
        self.budget = Budget(limits.max_inflated_bytes)
        self.offsets: dict[int, int] = {}  # object number -> where its value starts (the last definition wins)
        self.packed: dict[int, tuple[int, int]] = {}  # object number -> (object stream, index) for compressed objects
        self.values: dict[int, object] = {}
        self.streams: dict[int, _Stream] = {}
        self.decoded: dict[int, bytes | None] = {}
        self.costs: dict[int, Cost | None] = {}
        self.headers: dict[int, tuple[int, list[bytes]]] = {}  # object stream -> (first, its header's numbers)
        self.memo: dict[tuple[int, int], Work] = {}  # (drawing, resources) -> its work, each drawing counted once
        self.starts: list[tuple[int, int]] = []  # (where an object's value starts, its number), in file order
        self.exact = True  # content costs counted word by word, not bounded by size
        for keyword in _OBJ_KEYWORD.finditer(data):
            if data[keyword.start() - 3 : keyword.start()] == b"end":
                continue
            head = _OBJ_HEAD.search(data, max(0, keyword.start() - 32), keyword.start())
            if head:
                self.offsets[int(head.group(1))] = keyword.end()
                self.starts.append((keyword.end(), int(head.group(1))))

    def objects_holding(self, pattern: re.Pattern[bytes]) -> list[int]:
        """The numbers of the objects in whose text `pattern` occurs, in file order: only these are read,
        so a file of a million small objects costs one pass of a regex, not a million parses."""
        numbers: dict[int, None] = {}
        positions = [start for start, _ in self.starts]
        for match in pattern.finditer(self.data):
            if pattern is _STREAM_KEYWORD and self.data[match.start() - 3 : match.start()] == b"end":
                continue  # endstream
            index = bisect.bisect_right(positions, match.start()) - 1
            if index >= 0:
                numbers[self.starts[index][1]] = None
        return list(numbers)

    # objects
    def value(self, number: int) -> object:
        if number not in self.values:
            self.values[number] = _STOP  # while being read: a reference to itself reads as nothing
            self.values[number] = self._read(number)
        return self.values[number]

    def _read(self, number: int) -> object:
        if number in self.offsets:
            start = self.offsets[number]
            value, after = parse_value(self.data, start, len(self.data))
            if isinstance(value, dict):
                stream = _STREAM.match(self.data, after)
                if stream:
                    self.streams[number] = _Stream(value, self._raw(value, stream.end()))
            return value
        if number in self.packed:
            return self._unpack(*self.packed[number])
        return _STOP

    def _raw(self, info: dict[object, object], start: int) -> bytes:
        length = self.resolve(info.get(Name("Length")))
        if isinstance(length, int) and 0 <= length <= len(self.data) - start:
            end = start + length
            if self.data.startswith(b"endstream", end) or re.match(rb"\s*endstream", self.data[end : end + 12]):
                return self.data[start:end]
        end = self.data.find(b"endstream", start)
        return self.data[start : end if end >= 0 else len(self.data)].rstrip(b"\r\n")

    def resolve(self, value: object) -> object:
        for _ in range(32):  # a chain of references, perhaps a loop
            if not isinstance(value, Ref):
                return value
            value = self.value(value.number)
        return _STOP

    def stream(self, value: object) -> int | None:
        """The object number of the stream `value` refers to, if it is one."""
        if isinstance(value, Ref):
            self.value(value.number)
            if value.number in self.streams:
                return value.number
        return None

    def decoded_data(self, number: int) -> bytes | None:
        if number not in self.decoded:
            stream = self.streams[number]
            self.decoded[number] = None
            self.decoded[number] = decode(stream.raw, self.resolve(stream.info.get(Name("Filter"))), self.budget)
        return self.decoded[number]

    def _unpack(self, container: int, index: int) -> object:
        data = self.decoded_data(container) if container in self.streams else None
        if not data or container not in self.headers:
            return _STOP
        first, header = self.headers[container]
        try:
            offset = first + int(header[2 * index + 1])
        except (ValueError, IndexError):
            return _STOP
        return parse_value(data, offset, len(data))[0]

    # the whole file
    def run(self) -> None:
        for number in self.objects_holding(_STREAM_KEYWORD):
            self.value(number)
        for number, stream in list(self.streams.items()):
            if stream.info.get(Name("Type")) == Name("ObjStm"):
                self._index_object_stream(number)
        codes = 0
        for number, stream in list(self.streams.items()):
            if stream.info.get(Name("Subtype")) == Name("Image"):
                continue  # pictures: text extraction does not decode them
            data = self.decoded_data(number)
            if data:
                codes += cmap_codes(data)
        if codes > self.limits.max_cmap_codes:
            raise _too_much(f"its fonts' character maps span {codes:,} codes")
        self._pages()

    def _index_object_stream(self, container: int) -> None:
        data = self.decoded_data(container)
        info = self.streams[container].info
        count, first = self.resolve(info.get(Name("N"))), self.resolve(info.get(Name("First")))
        if not data or not isinstance(count, int) or not isinstance(first, int) or count < 0:
            return
        header = data[:first].split()
        self.headers[container] = (first, header)
        for index in range(min(count, len(header) // 2)):
            try:
                number = int(header[2 * index])
            except ValueError:
                return
            if number not in self.offsets:
                self.packed.setdefault(number, (container, index))

    def _root(self) -> object:
        trailers = [m.end() for m in _TRAILER.finditer(self.data)]
        for start in reversed(trailers):
            trailer = parse_value(self.data, start, len(self.data))[0]
            if isinstance(trailer, dict) and isinstance(trailer.get(Name("Root")), Ref):
                return self.resolve(trailer[Name("Root")])
        for stream in self.streams.values():  # PDF 1.5: the trailer is the cross-reference stream's dictionary
            if stream.info.get(Name("Type")) == Name("XRef") and isinstance(stream.info.get(Name("Root")), Ref):
                return self.resolve(stream.info[Name("Root")])
        for value in self._typed(_CATALOG):
            return value
        return _STOP

    def _typed(self, pattern: re.Pattern[bytes]) -> Iterator[dict[object, object]]:
        """Dictionaries whose /Type `pattern` matches, in file order, then those packed in object streams."""
        for number in [*self.objects_holding(pattern), *self.packed]:
            value = self.value(number)
            if isinstance(value, dict) and pattern.fullmatch(b"/Type/" + str(value.get(Name("Type"))).encode()):
                yield value

    def page_list(self) -> list[tuple[dict[object, object], object]]:
        """The pages in reading order (at most max_pages), each with the resources it draws with."""
        pages: list[tuple[dict[object, object], object]] = []
        root = self._root()
        top = self.resolve(root.get(Name("Pages"))) if isinstance(root, dict) else _STOP
        seen: set[int] = set()
        stack: list[tuple[object, object]] = [(top, None)]
        while stack and len(pages) < self.limits.max_pages:
            node, inherited = stack.pop()
            if isinstance(node, Ref):
                if node.number in seen:
                    continue
                seen.add(node.number)
                node = self.resolve(node)
            if not isinstance(node, dict):
                continue
            resources = node.get(Name("Resources"), inherited)
            kids = self.resolve(node.get(Name("Kids")))
            if isinstance(kids, list) and node.get(Name("Type")) != Name("Page"):
                stack += [(kid, resources) for kid in reversed(kids)]
            elif node.get(Name("Type")) == Name("Page") or Name("Contents") in node:
                pages.append((node, resources))
        if not pages:  # no usable page tree: the page objects, in file order
            for value in self._typed(_PAGE):
                pages.append((value, value.get(Name("Resources"))))
                if len(pages) >= self.limits.max_pages:
                    break
        return pages

    def _pages(self) -> None:
        """Add up the pages' work from upper bounds first: counting every word of every page costs more than
        all the rest of the scan, and a resume's pages stay far below the limits even so. Only where a bound
        passes a limit are the pages counted again, exactly, and that count decides."""
        self.exact = False
        try:
            self._add_pages()
        except _BoundPassed:
            self.exact = True
            self.costs.clear()
            self.memo.clear()
            self._add_pages()

    def _add_pages(self) -> None:
        total = Work()
        for page, resources in self.page_list():
            contents = self.resolve(page.get(Name("Contents")))
            for item in contents if isinstance(contents, list) else [page.get(Name("Contents"))]:
                number = self.stream(item)
                if number is not None:
                    total.add(self._work(number, resources, depth=0, drawing=()), 1)
                self._check(total)

    def _cost(self, number: int) -> Cost | None:
        if number not in self.costs:
            data = self.decoded_data(number)
            self.costs[number] = content_cost(data, self.limits, self.exact) if data is not None else None
        return self.costs[number]

    def _work(self, number: int, resources: object, depth: int, drawing: tuple[int, ...]) -> Work:
        """What drawing stream `number` once costs, with everything it draws, each time it draws it."""
        cost = self._cost(number)
        work = Work()
        if cost is None:
            return work
        work.add_cost(cost)
        if not cost.draws:
            return work
        xobjects = self.resolve(resources.get(Name("XObject"))) if isinstance(resources, dict) else None
        if not isinstance(xobjects, dict):
            return work
        for name, times in cost.draws.items():
            target = self.stream(xobjects.get(Name(name)))
            if target is None or target in drawing:  # not a drawing, or one drawing itself (readers stop there)
                continue
            info = self.streams[target].info
            if info.get(Name("Subtype")) != Name("Form"):
                continue
            if depth + 1 > self.limits.max_xobject_depth:
                self._refuse(f"its drawings are nested more than {self.limits.max_xobject_depth} levels deep")
            inner = self.resolve(info.get(Name("Resources"))) or resources
            key = (target, id(inner) if Name("Resources") not in info else 0)
            cached = self.memo.get(key)
            if cached is None:
                cached = self._work(target, inner, depth + 1, (*drawing, number))
                self.memo[key] = cached
            work.add(cached, times)
            self._check(work)
        return work

    def _check(self, work: Work) -> None:
        limits = self.limits
        if work.operations > limits.max_operations:
            self._refuse(f"drawing its pages takes more than {limits.max_operations:,} operations")
        if work.characters > limits.max_drawn_chars:
            self._refuse(f"its pages draw more than {limits.max_drawn_chars:,} characters")
        if work.size > limits.max_inflated_bytes:
            self._refuse(f"its pages' drawing instructions add up to over {limits.max_inflated_bytes >> 20:,} MB")

    def _refuse(self, what: str) -> NoReturn:
        """Refuse the file for `what`; in the first pass, which bounds the work, count it exactly instead: an
        exact count may refuse the file sooner, for another reason, or not at all."""
        if not self.exact:
            raise _BoundPassed
        raise _too_much(what)


class _BoundPassed(Exception):
    """The first pass met a limit: count the pages again exactly, so that only the exact count refuses a file
    (and says why in the same words as ever)."""


@dataclass
class Work:
    operations: int = 0
    characters: int = 0
    size: int = 0

    def add_cost(self, cost: Cost) -> None:
        self.operations += cost.operations
        self.characters += cost.characters
        self.size += cost.size

    def add(self, other: Work, times: int) -> None:
        self.operations += other.operations * times
        self.characters += other.characters * times
        self.size += other.size * times


def prescan(data: bytes, limits: Limits) -> None:
    """Refuse, with InputError("too-large"), a PDF whose streams inflate past `limits.max_inflated_bytes`
    or whose first `limits.max_pages` pages would take more work to read than the limits allow."""
    _Scan(data, limits).run()
