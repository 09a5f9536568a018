import sys
from pathlib import Path

# tests/helpers.py and tools/ are imported by name.
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tools")]
