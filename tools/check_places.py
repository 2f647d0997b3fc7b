#!/usr/bin/env python3
"""check_places.py -- validates dyad's gazetteer, data/places/places.txt.

The gazetteer is one place per line (format in data/README.md, "places"):

    Name | CODE | kind | LAT, LON | alt: Alt1; Alt2 | in: Region

Errors (each printed as `places.txt:LINE: message`, exit status 1):
  - wrong field count or syntax, an unknown or repeated optional field;
  - CODE not a code of data/countries.txt;
  - kind not one of capital, city, admin, region, feature;
  - LAT, LON not decimal degrees with exactly 2 decimals, or out of range;
  - the same name with the same code twice (names and alternative names
    both count: a second line would never be the reading dyad picks);
  - a capital of countries.txt (its `cap:` field) that is not the name or an
    alternative name of a `capital` line of that code (reported against
    countries.txt's line, since places.txt has no line for it).

Warnings (printed, never fail):
  - `in:` naming a region that is no `admin` or `region` line of the code;
  - a place farther than IN_RADIUS_KM from the point of its `in:` region
    (a wrong region, or a sign error on either line);
  - plausibility: a place farther from its country's median point than the
    country's radius allows. Most countries get a few hundred km; large
    ones and those with overseas parts get more (RADIUS_KM). When flipping
    the sign of the latitude or longitude would bring the place within the
    radius, the warning says so: that is the usual mistake (west of
    Greenwich, south of the equator).

Prints the number of places per kind and the total.
usage: tools/check_places.py [PLACES] [COUNTRIES]
"""
import math
import os
import re
import sys

KINDS = ("capital", "city", "admin", "region", "feature")
COORD = re.compile(r"^(-?\d{1,2}\.\d{2}),\s*(-?\d{1,3}\.\d{2})$")
CODE = re.compile(r"^[A-Z]{3}$")
NAME_BAD = re.compile(r"[;:|#]|\s{2,}")

DEFAULT_RADIUS_KM = 700
# Largest distance (km) from a place to the point of its `in:` region; the
# largest first-level regions (Krasnoyarsk Krai, Western Australia, Alaska)
# measure 2,000 km and more across.
IN_RADIUS_KM = 1500
# Countries whose places legitimately lie far from their median: large
# ones, and those with overseas territories or scattered islands. The
# figure is the largest distance (km) from the median point accepted
# without a warning.
RADIUS_KM = {
    "RUS": 7500, "USA": 7500, "CAN": 4000, "CHN": 3800, "BRA": 3000,
    "AUS": 3500, "IND": 2200, "IDN": 3500, "ARG": 2800, "KAZ": 1800,
    "DZA": 1800, "COD": 1800, "SAU": 1300, "MEX": 2200, "IRN": 1500,
    "LBY": 1200, "SDN": 1200, "EGY": 1000, "PER": 1300, "COL": 1200,
    "CHL": 3800, "BOL": 1000, "VEN": 1000, "ETH": 1000, "NGA": 1000,
    "TCD": 1200, "NER": 1200, "MLI": 1300, "MRT": 1000, "AGO": 1200,
    "ZAF": 1300, "TZA": 1000, "KEN": 900, "MOZ": 1400, "MDG": 1000,
    "NAM": 1000, "BWA": 900, "ZMB": 900, "SOM": 1300, "SSD": 900,
    "TUR": 1200, "PAK": 1400, "AFG": 900, "MNG": 1500, "UZB": 1000,
    "TKM": 900, "MMR": 1200, "THA": 1000, "VNM": 1200, "PHL": 1200,
    "MYS": 2000, "JPN": 1800, "NZL": 1300, "PNG": 1200, "UKR": 1000,
    "FRA": 9000, "GBR": 9000, "NLD": 8000, "DNK": 3500, "NOR": 2000,
    "ESP": 2200, "PRT": 1600, "ECU": 1400, "YEM": 1200, "OMN": 900,
    "IRQ": 800, "SWE": 1000, "FIN": 900, "KIR": 4500, "FSM": 2000,
    "CPV": 800, "GRC": 800, "ITA": 900, "DEU": 800, "POL": 800,
    "CMR": 900, "CAF": 900, "GAB": 700, "BGD": 700, "LKA": 700,
    "GRL": 2000, "PYF": 1500, "SLB": 900, "VUT": 700, "FJI": 700,
    "CUB": 900, "CHE": 400, "BEL": 400, "ISR": 500, "PSE": 400,
}


def strip_comment(line):
    i = line.find("#")
    return (line if i < 0 else line[:i]).rstrip("\n")


def read_countries(path):
    """CODE -> (line number, [capitals]) from countries.txt."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            text = strip_comment(raw).strip()
            if not text:
                continue
            fields = [x.strip() for x in text.split("|")]
            caps = []
            for fld in fields[1:]:
                if fld.startswith("cap:"):
                    caps = [c.strip() for c in fld[4:].split(";") if c.strip()]
            out[fields[0]] = (n, caps)
    return out


def haversine(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (math.sin((la2 - la1) / 2) ** 2 +
         math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def median(xs):
    s = sorted(xs)
    m = len(s) // 2
    return s[m] if len(s) % 2 else (s[m - 1] + s[m]) / 2


def median_point(pts):
    lats = [p[0] for p in pts]
    lons = [p[1] for p in pts]
    # Countries across the 180th meridian (Fiji, Kiribati, Russia's east):
    # take longitudes on 0..360 so the median does not land mid-globe.
    if max(lons) > 150 and min(lons) < -150:
        lons = [x + 360 if x < 0 else x for x in lons]
    lon = median(lons)
    return (median(lats), lon - 360 if lon > 180 else lon)


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    places = argv[1] if len(argv) > 1 else os.path.join(
        root, "data", "places", "places.txt")
    countries = argv[2] if len(argv) > 2 else os.path.join(
        root, "data", "countries.txt")
    pname = os.path.basename(places)
    cname = os.path.basename(countries)
    errors = 0
    warnings = 0

    def err(n, msg):
        nonlocal errors
        errors += 1
        print("%s:%d: %s" % (pname, n, msg))

    def warn(n, msg):
        nonlocal warnings
        warnings += 1
        print("%s:%d: warning: %s" % (pname, n, msg))

    ctry = read_countries(countries)
    seen = {}            # (casefolded name, code) -> line
    capital_names = {}   # code -> set of casefolded names of capital lines
    regions = {}         # code -> set of casefolded admin/region names
    region_pts = {}      # (casefolded admin/region name, code) -> (lat, lon)
    pts = {}             # code -> [(lat, lon, line, name)]
    ins = []             # (line, code, region)
    counts = dict.fromkeys(KINDS, 0)

    with open(places, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            text = strip_comment(raw).strip()
            if not text:
                continue
            fields = [x.strip() for x in text.split("|")]
            if len(fields) < 4 or len(fields) > 6:
                err(n, "expected 4 to 6 fields separated by '|', got %d"
                    % len(fields))
                continue
            name, code, kind, coord = fields[:4]
            ok = True
            if not name or NAME_BAD.search(name) or not name[0].isupper():
                err(n, "bad name %r (capitalised, no ; : | # or double "
                    "spaces)" % name)
                ok = False
            if not CODE.match(code) or code not in ctry:
                err(n, "country code %r is not in %s" % (code, cname))
                ok = False
            if kind not in KINDS:
                err(n, "kind %r is not one of %s" % (kind, ", ".join(KINDS)))
                ok = False
            m = COORD.match(coord)
            lat = lon = None
            if not m:
                err(n, "coordinates %r are not 'LAT, LON' with 2 decimals"
                    % coord)
                ok = False
            else:
                lat, lon = float(m.group(1)), float(m.group(2))
                if not -90 <= lat <= 90 or not -180 <= lon <= 180:
                    err(n, "coordinates %r out of range" % coord)
                    ok = False
            alts = []
            region = None
            for fld in fields[4:]:
                if fld.startswith("alt:"):
                    if alts:
                        err(n, "two 'alt:' fields")
                        ok = False
                    alts = [a.strip() for a in fld[4:].split(";")]
                    if not alts or any(not a for a in alts):
                        err(n, "empty name in 'alt:'")
                        ok = False
                    for a in alts:
                        if a and (NAME_BAD.search(a) or not a[0].isupper()):
                            err(n, "bad alternative name %r" % a)
                            ok = False
                    folded = [a.casefold() for a in alts]
                    if len(set(folded)) != len(folded) or \
                            name.casefold() in folded:
                        err(n, "an alternative name repeats a name of "
                            "the line")
                        ok = False
                elif fld.startswith("in:"):
                    if region is not None:
                        err(n, "two 'in:' fields")
                        ok = False
                    region = fld[3:].strip()
                    if not region or NAME_BAD.search(region):
                        err(n, "bad 'in:' region %r" % region)
                        ok = False
                else:
                    err(n, "field %r is neither 'alt:' nor 'in:'" % fld)
                    ok = False
            if not ok:
                continue
            for nm in [name] + alts:
                key = (nm.casefold(), code)
                if key in seen:
                    err(n, "%s %s already on line %d" % (nm, code, seen[key]))
                else:
                    seen[key] = n
            counts[kind] += 1
            if kind == "capital":
                s = capital_names.setdefault(code, set())
                s.update(x.casefold() for x in [name] + alts)
            if kind in ("admin", "region"):
                s = regions.setdefault(code, set())
                s.update(x.casefold() for x in [name] + alts)
                for x in [name] + alts:
                    region_pts.setdefault((x.casefold(), code), (lat, lon))
            if region:
                ins.append((n, code, region, name, lat, lon))
            pts.setdefault(code, []).append((lat, lon, n, name))

    for code in sorted(ctry, key=lambda c: ctry[c][0]):
        line, caps = ctry[code]
        have = capital_names.get(code, set())
        for cap in caps:
            if cap.casefold() not in have:
                errors += 1
                print("%s:%d: capital %r of %s is not a 'capital' line of "
                      "%s" % (cname, line, cap, code, pname))

    for n, code, region, name, lat, lon in ins:
        if region.casefold() not in regions.get(code, set()):
            warn(n, "in: %r is not an admin or region line of %s"
                 % (region, code))
            continue
        rpt = region_pts[(region.casefold(), code)]
        d = haversine(rpt, (lat, lon))
        if d > IN_RADIUS_KM:
            warn(n, "%s is %.0f km from its region %s (%.2f, %.2f)"
                 % (name, d, region, rpt[0], rpt[1]))

    for code, ps in sorted(pts.items()):
        if len(ps) < 3:
            continue   # no median worth the name
        mid = median_point(ps)
        radius = RADIUS_KM.get(code, DEFAULT_RADIUS_KM)
        for lat, lon, n, name in ps:
            d = haversine(mid, (lat, lon))
            if d <= radius:
                continue
            hint = ""
            if haversine(mid, (-lat, lon)) <= radius:
                hint = "; the latitude's sign looks wrong"
            elif haversine(mid, (lat, -lon)) <= radius:
                hint = "; the longitude's sign looks wrong"
            warn(n, "%s is %.0f km from the median point of %s's places "
                 "(%.2f, %.2f)%s" % (name, d, code, mid[0], mid[1], hint))

    total = sum(counts.values())
    print("places: %s; total %d in %d countries and territories; "
          "%d warning(s)" % (", ".join("%s %d" % (k, counts[k])
                                       for k in KINDS),
                             total, len(pts), warnings))
    if errors:
        print("%d error(s)" % errors)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
