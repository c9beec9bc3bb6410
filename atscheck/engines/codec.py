"""Results as plain data, for results that come back from machines atscheck does not control (the workers of a
Dask cluster): JSON, compressed, decoded into the frozen dataclasses of atscheck/model.py with the type of
every field checked on arrival. Nothing in it can make the reader run code: JSON holds only strings, numbers,
lists and mappings, and a value of the wrong type, an unknown field or a reference to a term that does not
exist is refused (CodecError). A cluster can still send a wrong score; it cannot send an object.

A file's results for every profile travel together: the profiles' terms as their numbers (both sides hold
the same profiles) and the document, kept with --format html or --show-text, once.
"""

from __future__ import annotations

import dataclasses
import json
import math
import struct
import types
import typing
import zlib
from collections.abc import Sequence
from functools import cache
from typing import Any, Literal, Union

from atscheck.model import Document, Profile, Result, Term

MAX_DECODED = 64 << 20  # bytes one file's results may unpack to: far more than a document and 30 profiles' results
_LENGTH = struct.Struct(">I")


class CodecError(ValueError):
    """Data that is not atscheck's results: damaged, too large, or of the wrong shape."""


def encode_files(checked: Sequence[Sequence[Result]], profiles: Sequence[Profile]) -> bytes:
    """Each file's results (one list per file, one Result per profile), compressed, one after the other."""
    terms = {id(term): number for number, term in enumerate(_terms(profiles))}
    out = bytearray()
    for results in checked:
        document = next((r.document for r in results if r.document is not None), None)
        plain = {
            "document": _plain(document, terms),
            "results": [_plain(dataclasses.replace(r, document=None), terms) for r in results],
        }
        data = zlib.compress(json.dumps(plain, ensure_ascii=False, allow_nan=False).encode("utf-8"), 6)
        out += _LENGTH.pack(len(data)) + data
    return bytes(out)


def decode_files(data: bytes, files: int, profiles: Sequence[Profile]) -> list[list[Result]]:
    """The results of `files` files, as `encode_files` wrote them; CodecError for anything else."""
    if not isinstance(data, bytes):
        raise CodecError(f"a {type(data).__name__} instead of bytes")
    terms = _terms(profiles)
    out: list[list[Result]] = []
    at = 0
    for _ in range(files):
        if at + _LENGTH.size > len(data):
            raise CodecError("fewer files than were sent")
        (size,) = _LENGTH.unpack_from(data, at)
        at += _LENGTH.size
        out.append(_decode_file(data[at : at + size], terms))
        at += size
    if at != len(data):
        raise CodecError("more data than the files sent")
    return out


def _decode_file(data: bytes, terms: Sequence[Term]) -> list[Result]:
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(data, MAX_DECODED)
        if inflater.unconsumed_tail or not inflater.eof:
            raise CodecError(f"over {MAX_DECODED >> 20} MB unpacked, or cut short")
        plain = json.loads(text, parse_constant=_no_constant)
    except (zlib.error, UnicodeDecodeError, RecursionError, ValueError) as error:
        raise CodecError(f"not compressed JSON ({error})") from None
    if not isinstance(plain, dict) or set(plain) != {"document", "results"} or not isinstance(plain["results"], list):
        raise CodecError("not a file's results")
    document = _decode(plain["document"], Document | None, terms)
    return [dataclasses.replace(_decode(r, Result, terms), document=document) for r in plain["results"]]


def _no_constant(name: str) -> float:
    raise CodecError(f"{name} is not a number a result holds")


def _terms(profiles: Sequence[Profile]) -> list[Term]:
    return [term for profile in profiles for term in profile.terms]


def _plain(value: Any, terms: dict[int, int]) -> Any:
    """`value` as JSON values: a dataclass as a mapping of its fields, a profile's term as its number."""
    if isinstance(value, Term) and id(value) in terms:
        return terms[id(value)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name), terms) for f in dataclasses.fields(value) if f.init}
    if isinstance(value, tuple | list):
        return [_plain(item, terms) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item, terms) for key, item in value.items()}
    if value is None or isinstance(value, str | int | float):
        return value
    raise TypeError(f"a {type(value).__name__} cannot travel as a result")


@cache
def _fields(cls: type) -> dict[str, tuple[Any, bool]]:
    """A dataclass's fields: each one's type, and whether it must be given."""
    hints = typing.get_type_hints(cls)
    return {
        f.name: (hints[f.name], f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
        for f in dataclasses.fields(cls)
        if f.init
    }


def _decode(value: Any, kind: Any, terms: Sequence[Term]) -> Any:
    """`value` (JSON) as a `kind`, every part of it checked; CodecError where it is not one."""
    origin = typing.get_origin(kind)
    if kind is Term and type(value) is int:
        if not 0 <= value < len(terms):
            raise CodecError(f"term number {value} is not one of the profiles' terms")
        return terms[value]
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        return _decode_dataclass(value, kind, terms)
    if origin is Union or origin is types.UnionType:
        for option in typing.get_args(kind):
            try:
                return _decode(value, option, terms)
            except CodecError:
                continue
        raise CodecError(f"{_shown(value)} is none of {kind}")
    if origin is Literal:
        if isinstance(value, str) and value in typing.get_args(kind):
            return value
        raise CodecError(f"{_shown(value)} is not one of {typing.get_args(kind)}")
    if origin is tuple:
        return _decode_tuple(value, typing.get_args(kind), terms)
    if origin is dict:
        key_kind, item_kind = typing.get_args(kind)
        if key_kind is not str or not isinstance(value, dict):
            raise CodecError(f"{_shown(value)} is not a mapping")
        return {key: _decode(item, item_kind, terms) for key, item in value.items()}
    return _decode_atom(value, kind)


def _decode_dataclass(value: Any, kind: type, terms: Sequence[Term]) -> Any:
    fields = _fields(kind)
    if not isinstance(value, dict) or not set(value) <= set(fields):
        raise CodecError(f"{_shown(value)} is not a {kind.__name__}")
    missing = [name for name, (_, required) in fields.items() if required and name not in value]
    if missing:
        raise CodecError(f"a {kind.__name__} without {', '.join(missing)}")
    return kind(**{name: _decode(item, fields[name][0], terms) for name, item in value.items()})


def _decode_tuple(value: Any, items: tuple[Any, ...], terms: Sequence[Term]) -> tuple[Any, ...]:
    if not isinstance(value, list):
        raise CodecError(f"{_shown(value)} is not a list")
    if len(items) == 2 and items[1] is Ellipsis:
        return tuple(_decode(item, items[0], terms) for item in value)
    if len(value) != len(items):
        raise CodecError(f"a list of {len(value)} where {len(items)} belong")
    return tuple(_decode(item, kind, terms) for item, kind in zip(value, items, strict=True))


def _decode_atom(value: Any, kind: Any) -> Any:
    if kind is type(None) and value is None:
        return None
    if kind in (str, int, bool) and type(value) is kind:  # exactly: True is no number of terms
        return value
    if kind is float and type(value) in (int, float) and math.isfinite(value):
        return float(value)
    if kind is Any or not isinstance(kind, type) or kind not in (str, int, bool, float, type(None)):
        raise CodecError(f"a field of type {kind} cannot be read from a cluster")
    raise CodecError(f"{_shown(value)} is not a {kind.__name__}")


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
