#!/usr/bin/env python
"""Django's command-line utility for Đối thoại."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        # A deployment mistake (no SECRET_KEY, a bad variable): one clear line, not a traceback.
        sys.stderr.write(f"Lỗi cấu hình: {error}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
