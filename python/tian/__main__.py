"""The `tian` command, as the Rust binary has it: `tian convert`, `tian parse`, `tian diff`, `tian schema`."""

import signal
import sys

from . import _tian


def main() -> None:
    # Ctrl-C ends the command at once, as it does the binary; a closed pipe is tian's to handle.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    sys.exit(_tian.cli(["tian", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
