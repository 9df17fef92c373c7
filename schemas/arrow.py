"""Arrow schemas derived from the Pydantic models: the one place types are mapped."""

import types
import typing
from datetime import date, datetime

import pyarrow as pa
from pydantic import BaseModel

from schemas.tables import SCHEMA_VERSION

_SCALARS = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
    date: pa.date32(),
    datetime: pa.timestamp("us", tz="UTC"),
}


def arrow_type(annotation) -> tuple[pa.DataType, bool]:
    """A Python annotation -> (Arrow type, nullable)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return arrow_type(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        inner, _ = arrow_type(args[0])
        return inner, True
    if origin is typing.Literal:
        return pa.string(), False
    if origin in (list, tuple):
        inner, _ = arrow_type(typing.get_args(annotation)[0])
        return pa.list_(inner), False
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct(list(arrow_schema(annotation))), False
    if annotation in _SCALARS:
        return _SCALARS[annotation], False
    raise TypeError(f"no Arrow type for {annotation!r}")


def arrow_schema(model: type[BaseModel]) -> pa.Schema:
    """The Arrow schema of a table model, with field descriptions in the field metadata."""
    fields = []
    for name, info in model.model_fields.items():
        typ, nullable = arrow_type(info.annotation)
        meta = {"description": info.description} if info.description else None
        fields.append(pa.field(name, typ, nullable=nullable, metadata=meta))
    return pa.schema(fields, metadata={"newsdesk.table": model.__name__, "newsdesk.schema_version": SCHEMA_VERSION})
