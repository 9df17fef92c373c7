"""The Arrow schemas derived from the Pydantic models."""

from datetime import date
from typing import Literal

import pyarrow as pa
import pytest
from pydantic import BaseModel

from schemas import TABLES, Article, Quote, arrow_schema
from schemas.arrow import arrow_type


@pytest.mark.parametrize("annotation, expected, nullable", [
    (str, pa.string(), False),
    (int | None, pa.int64(), True),
    (date | None, pa.date32(), True),
    (list[str], pa.list_(pa.string()), False),
    (Literal["a", "b"], pa.string(), False),
    (bool, pa.bool_(), False),
])
def test_arrow_type_maps_annotations(annotation, expected, nullable):
    assert arrow_type(annotation) == (expected, nullable)


def test_arrow_type_maps_nested_models_to_structs():
    class Inner(BaseModel):
        x: int
        label: str | None

    typ, _ = arrow_type(Inner)
    assert typ == pa.struct([pa.field("x", pa.int64(), nullable=False), pa.field("label", pa.string())])


def test_arrow_type_refuses_unknown_types():
    with pytest.raises(TypeError):
        arrow_type(complex)


def test_quote_schema_matches_the_explicit_contract():
    expected = {
        "quote_id": pa.string(), "article_id": pa.string(), "published_month": pa.string(),
        "quote_index": pa.int64(), "text": pa.string(), "speaker": pa.string(),
        "speaker_as_written": pa.string(), "speaker_role": pa.string(), "speaker_kind": pa.string(), "cue": pa.string(),
        "cue_lemma": pa.string(), "kind": pa.string(), "paragraph_index": pa.int64(),
        "start_char": pa.int64(), "end_char": pa.int64(),
    }
    schema = arrow_schema(Quote)
    assert {f.name: f.type for f in schema} == expected
    assert schema.field("speaker").nullable and not schema.field("text").nullable


def test_article_schema_carries_contract_columns_and_descriptions():
    schema = arrow_schema(Article)
    for name in ("article_id", "source_path", "title", "body", "url", "published", "outlet_domain",
                 "image_caption", "related_titles"):
        assert name in schema.names
    assert schema.field("published").type == pa.date32()
    assert schema.field("related_titles").type == pa.list_(pa.string())
    assert schema.field("body").metadata[b"description"]
    assert schema.metadata[b"newsdesk.schema_version"]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_field_is_described(table):
    for name, info in TABLES[table].model_fields.items():
        assert info.description, f"{table}.{name} has no description"
