"""python -m nkfacts"""

from nkfacts.cli import run

run()
