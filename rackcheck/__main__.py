from rackcheck.cli import script

script()
