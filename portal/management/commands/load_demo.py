"""Load the reference data and the demo units, organisations, people and logins; print the logins."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from convening.demo import load_demo_convening
from organizations.demo import demo_data, load_demo
from petitions.demo import load_demo_petitions
from portal.demo import load_all_dialogues
from supervision.demo import load_demo_supervision


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (chạy lại nhiều lần không thay đổi gì) và in các tài khoản dùng thử."

    def handle(self, *args, **options) -> None:
        call_command("load_reference_data", stdout=self.stdout)
        written, logins = load_demo()
        dialogues = load_all_dialogues()
        written += load_demo_convening() + load_demo_supervision() + load_demo_petitions()
        self.stdout.write(f"Dữ liệu mẫu: {written} dòng được ghi, {dialogues} cuộc đối thoại mẫu được tạo.")
        self.stdout.write("")
        self.stdout.write("Tài khoản dùng thử (mật khẩu chung: {}):".format(demo_data()["password"]))
        for login in logins:
            self.stdout.write(f"  {login.username:<10} {login.role_label} — {login.organization}")
