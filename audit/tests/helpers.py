"""Signing in through the real login form, with the password every test person has."""

PASSWORD = "Mat-khau-dung-2026"


def log_in(client, username: str, password: str = PASSWORD, **extra):
    return client.post("/dang-nhap/", {"username": username, "password": password}, **extra)
