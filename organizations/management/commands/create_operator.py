"""Create the platform operator: the one kind of account that is a Django superuser.

Demo data and imports never create a superuser; a unit administrator administers only its unit's
subtree. The operator runs the platform (national calendar decisions, shipped profiles, every
unit), so it is created deliberately, from the server's command line, with a checked password.
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from common.commands import VietnameseArgumentErrors

PASSWORD_ENV = "DOITHOAI_OPERATOR_PASSWORD"


class Command(VietnameseArgumentErrors, BaseCommand):
    help = (
        "Tạo tài khoản vận hành nền tảng (superuser duy nhất). Mật khẩu lấy từ biến môi trường "
        f"{PASSWORD_ENV} hoặc được hỏi hai lần khi chạy."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", help="Tên đăng nhập của người vận hành.")
        parser.add_argument("--email", default="", help="Thư điện tử (không bắt buộc).")

    def handle(self, *args, username: str, email: str, **options) -> None:
        User = get_user_model()
        username = username.strip()
        if not username:
            raise CommandError("Tên đăng nhập không được để trống.")
        if User.objects.filter(username=username).exists():
            raise CommandError(
                f"Tài khoản '{username}' đã có. Lệnh này chỉ tạo tài khoản mới, không nâng quyền tài khoản sẵn có."
            )
        password = os.environ.get(PASSWORD_ENV) or self._ask_password()
        user = User(username=username, email=email, is_staff=True, is_superuser=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("Mật khẩu không đạt yêu cầu: " + " ".join(error.messages)) from error
        with transaction.atomic():
            user.set_password(password)
            user.save()
        from audit.log import record

        record("operator.created", user=user, target=f"user:{user.pk}", detail={"username": username})
        self.stdout.write(f"Đã tạo tài khoản vận hành nền tảng '{username}' (superuser).")

    def _ask_password(self) -> str:
        if not os.isatty(0):
            raise CommandError(f"Không hỏi được mật khẩu: hãy đặt biến môi trường {PASSWORD_ENV}.")
        first = getpass.getpass("Mật khẩu: ")
        if first != getpass.getpass("Nhập lại mật khẩu: "):
            raise CommandError("Hai lần nhập mật khẩu không khớp.")
        return first
