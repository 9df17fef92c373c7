#!/usr/bin/env python3
"""Build newsdesk/resources/gazetteer.json.gz from the installed data packages (GeoNames, CC BY 4.0)."""

from newsdesk.extract.gazetteer import main

if __name__ == "__main__":
    raise SystemExit(main(["build"]))
