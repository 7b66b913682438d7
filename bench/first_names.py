#!/usr/bin/env python3
"""Rebuild crates/onrecord-analysis/data/first-names.tsv from the US Census Bureau's 1990
first-name frequency files (public domain), as shipped for example in the `names` package on
PyPI:  python3 bench/first_names.py dist.female.first dist.male.first > data/first-names.tsv

A name is kept when one sex's share of it is at least four times the other's."""
import sys

female, male = {}, {}
for path, table in ((sys.argv[1], female), (sys.argv[2], male)):
    for line in open(path):
        parts = line.split()
        if parts:
            table[parts[0].lower()] = float(parts[1])
print("# First names and the sex most people who bear them were recorded with, from the US Census")
print("# Bureau's 1990 name frequency files (dist.female.first, dist.male.first), a work of the US")
print("# government in the public domain. Kept when one sex's share of the name is at least four")
print("# times the other's; F female, M male. Built with bench/first_names.py.")
for name in sorted(set(female) | set(male)):
    f, m = female.get(name, 0.0), male.get(name, 0.0)
    if f > 0 and f >= 4 * m:
        print(f"{name}\tF")
    elif m > 0 and m >= 4 * f:
        print(f"{name}\tM")
