#!/usr/bin/env python3
"""check_places.py -- validates dyad's gazetteer: data/places/places.txt and
data/places/countries.txt (the build embeds the two, in that order).

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

The country file (third argument) takes the same checks, with kind
`country` its only kind (and not allowed in places.txt), and more errors:
  - no `in:` on a country line; a second line for one code; a code of
    countries.txt with no line (reported against countries.txt's line);
  - a name that is not a `name:` of that code in countries.txt (so no
    adjectives or demonyms), or a `name:` of countries.txt missing from the
    line, unless it only differs in case from one kept, it is a name of a
    places.txt line of that code (a part with its own centre: England, West
    Bank), or the line's comment names it (left out, saying why);
  - a Name that is not the first name of countries.txt kept on the line.
A name of places.txt and the country file with the same code is a repeated
name, as within one file.  Warning: a country's point outside the bounding
box of its places.txt places widened by BOX_MARGIN_KM (with the sign hint).

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
usage: tools/check_places.py [PLACES] [COUNTRIES] [COUNTRY_PLACES]
(with no argument, the three files of data/)
"""
import math
import os
import re
import sys

KINDS = ("capital", "city", "admin", "region", "feature")
COUNTRY_KINDS = ("country",)
COORD = re.compile(r"^(-?\d{1,2}\.\d{2}),\s*(-?\d{1,3}\.\d{2})$")
CODE = re.compile(r"^[A-Z]{3}$")
NAME_BAD = re.compile(r"[;:|#]|\s{2,}")

DEFAULT_RADIUS_KM = 700
# Largest distance (km) from a place to the point of its `in:` region; the
# largest first-level regions (Krasnoyarsk Krai, Western Australia, Alaska)
# measure 2,000 km and more across.
IN_RADIUS_KM = 1500
# How far (km) a country's point may lie outside the bounding box of its
# places.txt places: enough for a country whose few places sit in one
# corner (Congo's three, all in the south) or that has its capital alone;
# a flipped sign lands farther for all but a few countries astride the
# equator or the Greenwich meridian.
BOX_MARGIN_KM = 500
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
    """CODE -> (line number, [capitals], [names]) from countries.txt."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            text = strip_comment(raw).strip()
            if not text:
                continue
            fields = [x.strip() for x in text.split("|")]
            caps = []
            names = []
            for fld in fields[1:]:
                if fld.startswith("cap:"):
                    caps = [c.strip() for c in fld[4:].split(";") if c.strip()]
                elif fld.startswith("name:"):
                    names = [c.strip() for c in fld[5:].split(";")
                             if c.strip()]
            out[fields[0]] = (n, caps, names)
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


def numbered(path):
    """The lines of a file with their numbers."""
    with open(path, encoding="utf-8") as f:
        return list(enumerate(f, 1))


def in_box(pt, ps, margin_km):
    """Whether pt lies in the bounding box of points ps widened by
    margin_km, longitudes taken on 0..360 when ps cross the 180th
    meridian."""
    lats = [p[0] for p in ps]
    lons = [p[1] for p in ps]
    lon = pt[1]
    if max(lons) > 150 and min(lons) < -150:
        lons = [x + 360 if x < 0 else x for x in lons]
        lon = lon + 360 if lon < 0 else lon
    dlat = margin_km / 111.0
    # A degree of longitude shrinks with the cosine of the latitude; the
    # box's edge nearest a pole is the narrowest.
    far = min(89.0, max(abs(x) for x in lats) + dlat)
    dlon = min(180.0, margin_km /
               (111.0 * max(0.05, math.cos(math.radians(far)))))
    return (min(lats) - dlat <= pt[0] <= max(lats) + dlat and
            min(lons) - dlon <= lon <= max(lons) + dlon)


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    places = argv[1] if len(argv) > 1 else os.path.join(
        root, "data", "places", "places.txt")
    countries = argv[2] if len(argv) > 2 else os.path.join(
        root, "data", "countries.txt")
    cplaces = argv[3] if len(argv) > 3 else (
        os.path.join(root, "data", "places", "countries.txt")
        if len(argv) <= 1 else None)
    pname = os.path.basename(places)
    cname = os.path.basename(countries)
    # The country file is named with its folder: countries.txt is taken.
    cpname = os.path.join(os.path.basename(os.path.dirname(
        os.path.abspath(cplaces))), os.path.basename(cplaces)) \
        if cplaces else None
    fname = pname   # the file being read, for messages
    errors = 0
    warnings = 0

    def err(n, msg):
        nonlocal errors
        errors += 1
        print("%s:%d: %s" % (fname, n, msg))

    def warn(n, msg):
        nonlocal warnings
        warnings += 1
        print("%s:%d: warning: %s" % (fname, n, msg))

    ctry = read_countries(countries)
    seen = {}            # (casefolded name, code) -> (file, line)
    capital_names = {}   # code -> set of casefolded names of capital lines
    regions = {}         # code -> set of casefolded admin/region names
    region_pts = {}      # (casefolded admin/region name, code) -> (lat, lon)
    pts = {}             # code -> [(lat, lon, line, name)]
    ins = []             # (line, code, region)
    counts = dict.fromkeys(COUNTRY_KINDS + KINDS, 0)
    clines = {}          # code -> (line, name, alts, comment, lat, lon)

    sources = [(pname, KINDS, numbered(places))]
    if cplaces:
        sources.append((cpname, COUNTRY_KINDS, numbered(cplaces)))
    for fname, kinds, lines in sources:
        for n, raw in lines:
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
            # countries.txt's names may open in lower case ("mainland
            # China"): a lower-case word matches any case.
            upper = kinds is KINDS
            if not name or NAME_BAD.search(name) or \
                    (upper and not name[0].isupper()):
                err(n, "bad name %r (capitalised, no ; : | # or double "
                    "spaces)" % name)
                ok = False
            if not CODE.match(code) or code not in ctry:
                err(n, "country code %r is not in %s" % (code, cname))
                ok = False
            if kind not in kinds:
                err(n, "kind %r is not one of %s" % (kind, ", ".join(kinds)))
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
                        if a and (NAME_BAD.search(a) or
                                  (upper and not a[0].isupper())):
                            err(n, "bad alternative name %r" % a)
                            ok = False
                    folded = [a.casefold() for a in alts]
                    if len(set(folded)) != len(folded) or \
                            name.casefold() in folded:
                        err(n, "an alternative name repeats a name of "
                            "the line")
                        ok = False
                elif fld.startswith("in:"):
                    if kinds is COUNTRY_KINDS:
                        err(n, "a country line has no 'in:'")
                        ok = False
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
                    sf, sn = seen[key]
                    err(n, "%s %s already on %sline %d"
                        % (nm, code, "" if sf == fname else sf + " ", sn))
                else:
                    seen[key] = (fname, n)
            counts[kind] += 1
            if kind == "country":
                if code in clines:
                    err(n, "a second line for %s (the first is line %d)"
                        % (code, clines[code][0]))
                else:
                    i = raw.find("#")
                    clines[code] = (n, name, alts,
                                    raw[i + 1:] if i >= 0 else "",
                                    lat, lon)
                continue
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

    fname = pname
    for code in sorted(ctry, key=lambda c: ctry[c][0]):
        line, caps, _ = ctry[code]
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

    if cplaces:
        fname = cpname
        for code in sorted(ctry, key=lambda c: ctry[c][0]):
            cline, _, cnames = ctry[code]
            if code not in clines:
                errors += 1
                print("%s:%d: %s has no line in %s" % (cname, cline, code,
                                                        cpname))
                continue
            n, name, alts, comment, lat, lon = clines[code]
            have = [x.casefold() for x in [name] + alts]
            allowed = {x.casefold() for x in cnames}
            for x in [name] + alts:
                if x.casefold() not in allowed:
                    err(n, "%r is not a name: of %s in %s"
                        % (x, code, cname))
            # A name of countries.txt may be missing: a case variant of one
            # kept, a part with its own places.txt line, or named in the
            # line's comment (left out, saying why).
            first = None
            for x in cnames:
                cf = x.casefold()
                if (cf, code) in seen and seen[(cf, code)][0] == pname:
                    continue
                if re.search(r"(?<!\w)%s(?!\w)" % re.escape(cf),
                             comment.casefold()):
                    continue
                if first is None:
                    first = x
                if cf not in have:
                    err(n, "%s's name %r (%s) is not on the line; a comment "
                        "should say why it is left out" % (code, x, cname))
            if first is not None and name.casefold() != first.casefold():
                err(n, "the Name of %s should be %r, countries.txt's first "
                    "name kept" % (code, first))
            ps = pts.get(code)
            if not ps or in_box((lat, lon), ps, BOX_MARGIN_KM):
                continue
            hint = ""
            if in_box((-lat, lon), ps, BOX_MARGIN_KM):
                hint = "; the latitude's sign looks wrong"
            elif in_box((lat, -lon), ps, BOX_MARGIN_KM):
                hint = "; the longitude's sign looks wrong"
            warn(n, "%s (%.2f, %.2f) lies outside the box of %s's %d "
                 "places in %s%s" % (name, lat, lon, code, len(ps), pname,
                                     hint))

    total = sum(counts.values())
    shown = (COUNTRY_KINDS if cplaces else ()) + KINDS
    print("places: %s; total %d in %d countries and territories; "
          "%d warning(s)" % (", ".join("%s %d" % (k, counts[k])
                                       for k in shown),
                             total, len(pts), warnings))
    if errors:
        print("%d error(s)" % errors)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
