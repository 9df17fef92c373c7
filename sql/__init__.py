"""The SQL models, shipped in the wheel as the package `newsdesk.sql` (pyproject.toml maps this
folder there). MODELS_DIR is where they are on disk, in a checkout or an installed wheel."""

from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parent
