"""`{{ count|so }}` → "12.345"; `{{ share|phan_tram }}` → "9,8 %" (convening/numbers.py)."""

from django import template

from convening.numbers import vn_number, vn_percent

register = template.Library()
register.filter("so", vn_number)
register.filter("phan_tram", vn_percent)
