"""Shared behaviour of the project's commands: argument errors in Vietnamese, exit code 2."""

import sys


class VietnameseArgumentErrors:
    """Mix into a BaseCommand: a missing or malformed argument prints a Vietnamese message and exits 2."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        usage = parser.format_usage().strip()

        def error(message: str) -> None:
            if not getattr(parser, "called_from_command_line", False):
                from django.core.management.base import CommandError

                raise CommandError(f"Tham số không hợp lệ: {message}")
            sys.stderr.write(f"Lỗi: tham số không hợp lệ ({message}).\n{usage}\n")
            sys.exit(2)

        parser.error = error
        return parser
