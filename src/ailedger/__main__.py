"""Entry point for `python -m ailedger`."""

from ailedger.cli.app import main

main()
