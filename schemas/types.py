"""Reusable validated types, defined once (Pydantic's Annotated pattern)."""

from typing import Annotated

from pydantic import Field, StringConstraints

NonEmptyStr = Annotated[str, StringConstraints(min_length=1)]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Latitude = Annotated[float, Field(ge=-90, le=90)]
Longitude = Annotated[float, Field(ge=-180, le=180)]
Offset = Annotated[int, Field(ge=0)]
Count = Annotated[int, Field(ge=0)]
Month = Annotated[str, StringConstraints(pattern=r"^(\d{4}-\d{2}|unknown)$")]
