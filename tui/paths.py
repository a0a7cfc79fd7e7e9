"""Where the app's own files live."""

from pathlib import Path

STYLES = Path(__file__).parent / "styles"
