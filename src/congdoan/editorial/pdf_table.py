"""A long table as PDF, written directly: the royalty statement's PDF export.

WeasyPrint lays out every cell through Pango and paginates the whole table: a statement of
1.000 lines took 14 to 32 s on the 2-core benchmark machine, so 10.000 lines would take
minutes (bench/README.md, "Ban biên tập"). A statement is one table of short texts, so this
module measures text with the font's own advance widths (fontTools, which WeasyPrint already
installs), wraps it in its column and writes the page content streams itself. It does only
that: a title, a line under it, a table whose header repeats on every page, text columns
wrapped, number columns right-aligned, a last row in bold, page numbers, A4 landscape. The font
(DejaVu Serif, Vietnamese included) is embedded as a subset, and a ToUnicode map keeps the text
searchable and copyable; bold is the same font stroked as well as filled.
"""

import shutil
import subprocess
import unicodedata
import zlib
from functools import lru_cache
from io import BytesIO
from itertools import chain

PAGE_WIDTH, PAGE_HEIGHT = 842, 595  # A4 landscape, in points
MARGIN = 42.5  # 15 mm
SIZE, LEADING, PADDING = 8.5, 10.5, 2.5
FONT_FILES = {"regular": ("DejaVu Serif", "DejaVuSerif.ttf")}
FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu/",
    "/usr/share/fonts/dejavu/",
    "/usr/local/share/fonts/",
    "/Library/Fonts/",
)


class FontMissing(RuntimeError):
    pass


def _font_path(weight):
    from pathlib import Path

    pattern, filename = FONT_FILES[weight]
    for folder in FONT_DIRS:
        if (Path(folder) / filename).is_file():
            return str(Path(folder) / filename)
    fc_match = shutil.which("fc-match")
    if fc_match:
        found = subprocess.run(  # noqa: S603 - fontconfig with a fixed pattern
            [fc_match, "-f", "%{file}", pattern], capture_output=True, text=True, check=False
        ).stdout.strip()
        if found.endswith(filename):
            return found
    raise FontMissing(f"{filename} not found: install the DejaVu fonts (Debian: fonts-dejavu-core)")


class _CharMap(dict):
    """char -> value, with a default for characters the font lacks (read by map(), in C)."""

    def __init__(self, values, default):
        super().__init__(values)
        self.default = default

    def __missing__(self, char):
        return self.default


class Font:
    """A TrueType font's metrics and glyph ids, read once per process (_font)."""

    def __init__(self):
        from fontTools.ttLib import TTFont

        self.path = _font_path("regular")
        font = TTFont(self.path, lazy=True)
        scale = 1000 / font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        gids = {chr(code): font.getGlyphID(name) for code, name in font.getBestCmap().items()}
        widths = {char: metrics[font.getGlyphName(gid)][0] * scale for char, gid in gids.items()}
        self.missing = gids.get("?", 0)
        self.gids = _CharMap(gids, self.missing)
        self.widths = _CharMap(widths, widths.get("?", 600))
        self.hexes = _CharMap(
            {char: f"{gid:04x}" for char, gid in gids.items()}, f"{self.missing:04x}"
        )
        head = font["head"]
        self.bbox = [round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)]
        self.ascent = round(font["hhea"].ascent * scale)
        self.descent = round(font["hhea"].descent * scale)


@lru_cache(maxsize=1)
def _font():
    return Font()


class Writer:
    """Text on one document's pages: measures, encodes and remembers the characters used."""

    def __init__(self):
        self.font = _font()
        self.used = set()
        # A statement repeats itself (names, units, dates, words): each text is measured and
        # encoded once.
        self._widths = {}
        self._encoded = {}

    def width(self, text, size):
        units = self._widths.get(text)
        if units is None:
            units = self._widths[text] = sum(map(self.font.widths.__getitem__, text))
        return units * size / 1000

    def encode(self, text):
        found = self._encoded.get(text)
        if found is None:
            self.used.update(text)
            found = self._encoded[text] = (
                "<" + "".join(map(self.font.hexes.__getitem__, text)) + ">"
            )
        return found

    def used_glyphs(self):
        """gid -> character, for the subset, the widths and the ToUnicode map."""
        glyphs = {self.font.missing: "?"}
        for char in sorted(self.used):
            glyphs.setdefault(self.font.gids[char], char)
        return glyphs

    def subset(self, gids):
        import logging

        from fontTools import subset
        from fontTools.ttLib import TTFont

        logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
        options = subset.Options()
        options.retain_gids = True  # the content streams name glyphs by their ids
        options.notdef_outline = True
        options.hinting = False
        options.layout_features = []
        options.drop_tables += ["FFTM", "GSUB", "GPOS", "GDEF"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(gids=sorted(gids))
        font = TTFont(self.font.path)
        subsetter.subset(font)
        buffer = BytesIO()
        font.save(buffer)
        return buffer.getvalue()


def wrap(writer, text, width, size):
    """(line, its width) pairs of `text`, no line wider than `width` (a word is cut only when
    it alone is too wide)."""
    whole = writer.width(text, size)
    if whole <= width and "\n" not in text:
        return [(text, whole)]
    space = writer.width(" ", size)
    lines = []
    for paragraph in text.split("\n"):
        line, line_width = "", 0.0
        for word in paragraph.split(" "):
            word_width = writer.width(word, size)
            if line and line_width + space + word_width <= width:
                line, line_width = f"{line} {word}", line_width + space + word_width
                continue
            if line:
                lines.append((line, line_width))
            while word_width > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and writer.width(word[:cut], size) > width:
                    cut -= 1
                lines.append((word[:cut], writer.width(word[:cut], size)))
                word = word[cut:]
                word_width = writer.width(word, size)
            line, line_width = word, word_width
        lines.append((line, line_width))
    return lines


def _pdf_string(text):
    return "<feff" + text.encode("utf-16-be").hex() + ">"


def table_pdf(*, title, subtitle, headers, weights, numeric, rows, last_row=None, page_label):
    """The PDF (bytes) of a table. `rows` are tuples of strings, `weights` the columns'
    relative widths, `numeric` which columns are right-aligned; `last_row` (a total) is in
    bold; `page_label` formats the page number n of total (e.g. "Trang %(n)s/%(total)s")."""
    writer = Writer()
    usable = PAGE_WIDTH - 2 * MARGIN
    widths = [usable * weight / sum(weights) for weight in weights]
    lefts = [MARGIN + sum(widths[:i]) for i in range(len(widths))]

    wrapped = {}

    def wrap_cell(cell, width):
        key = (cell, width)
        if key not in wrapped:
            text = unicodedata.normalize("NFC", str(cell))
            wrapped[key] = wrap(writer, text, width - 2 * PADDING, SIZE)
        return wrapped[key]

    def prepare(cells, bold=False):
        lines = [wrap_cell(cell, width) for cell, width in zip(cells, widths, strict=True)]
        return bold, lines, max(len(cell) for cell in lines) * LEADING + 2 * PADDING

    header = prepare(headers, bold=True)
    title_lines = [
        line for line, _width in wrap(writer, unicodedata.normalize("NFC", title), usable, 14)
    ]
    top_first = PAGE_HEIGHT - MARGIN - len(title_lines) * 17 - 24
    top_other = PAGE_HEIGHT - MARGIN
    bottom = MARGIN + 14

    # Pages: lists of rows, under the header that each page repeats.
    pages, current, y = [], [], top_first - header[2]
    prepared = (prepare(row) for row in rows)
    if last_row is not None:
        prepared = chain(prepared, [prepare(last_row, bold=True)])
    for row in prepared:
        if y - row[2] < bottom and current:
            pages.append(current)
            current, y = [], top_other - header[2]
        current.append(row)
        y -= row[2]
    pages.append(current)

    right = MARGIN + usable
    columns = list(zip(lefts, widths, numeric, strict=True))
    streams = []
    for number, page_rows in enumerate(pages, start=1):
        # One text object per page, each line placed with Tm. Bold is the regular font filled
        # and stroked (text render mode 2), so one font is embedded.
        top = top_first if number == 1 else top_other
        out = [f"0.9 g {MARGIN:.2f} {top - header[2]:.2f} {usable:.2f} {header[2]:.2f} re f"]
        out.append("0 g 0 G 0.25 w BT")
        if number == 1:
            y = PAGE_HEIGHT - MARGIN - 14
            for line in title_lines:
                x = (PAGE_WIDTH - writer.width(line, 14)) / 2
                out.append(f"2 Tr /F1 14 Tf 1 0 0 1 {x:.2f} {y:.2f} Tm {writer.encode(line)} Tj")
                y -= 17
            subtitle_text = writer.encode(unicodedata.normalize("NFC", subtitle))
            out.append(f"0 Tr /F1 10 Tf 1 0 0 1 {MARGIN:.2f} {y - 1:.2f} Tm {subtitle_text} Tj")
        out.append(f"/F1 {SIZE} Tf")
        y = top
        rules = []
        for bold, cells, height in (header, *page_rows):
            out.append("2 Tr" if bold else "0 Tr")
            for (left, width, is_number), lines in zip(columns, cells, strict=True):
                baseline = y - PADDING - SIZE
                for line, line_width in lines:
                    if line:
                        x = left + width - PADDING - line_width if is_number else left + PADDING
                        out.append(f"1 0 0 1 {x:.2f} {baseline:.2f} Tm {writer.encode(line)} Tj")
                    baseline -= LEADING
            y -= height
            rules.append(f"{MARGIN:.2f} {y:.2f} m {right:.2f} {y:.2f} l")
        label = page_label % {"n": number, "total": len(pages)}
        x = PAGE_WIDTH - MARGIN - writer.width(label, 8)
        out.append(f"0 Tr /F1 8 Tf 1 0 0 1 {x:.2f} {MARGIN:.2f} Tm {writer.encode(label)} Tj ET")
        # The grid: a rule under each row, the columns' sides from the top to the last row.
        out.append("0.5 w")
        out.append(f"{MARGIN:.2f} {top:.2f} m {right:.2f} {top:.2f} l")
        out.extend(rules)
        out.extend(f"{x:.2f} {top:.2f} m {x:.2f} {y:.2f} l" for x in (*lefts, right))
        out.append("S")
        streams.append(zlib.compress("\n".join(out).encode("ascii"), 1))
    return _assemble(streams, writer, title)


def _font_objects(writer, base_name, first):
    """Objects of the embedded TrueType font (Type0, Identity-H) numbered from `first`."""
    used = sorted(writer.used_glyphs().items())
    data = zlib.compress(writer.subset([gid for gid, _char in used]), 6)
    advance = writer.font.widths
    widths = " ".join(f"{gid} [{round(advance[char])}]" for gid, char in used)
    cmap_lines = []
    for start in range(0, len(used), 100):
        chunk = used[start : start + 100]
        cmap_lines.append(f"{len(chunk)} beginbfchar")
        cmap_lines += [f"<{gid:04x}> <{char.encode('utf-16-be').hex()}>" for gid, char in chunk]
        cmap_lines.append("endbfchar")
    to_unicode = zlib.compress(
        (
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <ffff> endcodespacerange\n"
            + "\n".join(cmap_lines)
            + "\nendcmap CMapName currentdict /CMap defineresource pop end end"
        ).encode("ascii")
    )
    font = writer.font
    name = f"/{base_name}"
    bbox = " ".join(str(v) for v in font.bbox)
    return [
        f"<< /Type /Font /Subtype /Type0 /BaseFont {name} /Encoding /Identity-H "
        f"/DescendantFonts [{first + 1} 0 R] /ToUnicode {first + 3} 0 R >>".encode(),
        f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont {name} "
        f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        f"/FontDescriptor {first + 2} 0 R /CIDToGIDMap /Identity /DW 600 "
        f"/W [{widths}] >>".encode(),
        f"<< /Type /FontDescriptor /FontName {name} /Flags 34 /FontBBox [{bbox}] "
        f"/ItalicAngle 0 /Ascent {font.ascent} /Descent {font.descent} /CapHeight {font.ascent} "
        f"/StemV 80 /FontFile2 {first + 4} 0 R >>".encode(),
        _stream(to_unicode),
        _stream(data),
    ]


def _stream(data):
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"


def _assemble(streams, writer, title):
    # 1 catalog, 2 pages, 3 info, 4-8 the font, then a page and its content for each page.
    objects = [None, None, f"<< /Title {_pdf_string(title)} /Producer (congdoan) >>".encode()]
    objects += _font_objects(writer, "AAAAAA+DejaVuSerif", 4)
    kids = []
    for stream in streams:
        page_number = len(objects) + 1
        kids.append(f"{page_number} 0 R")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            f"/Resources << /Font << /F1 4 0 R >> >> /Contents {page_number + 1} 0 R >>".encode()
        )
        objects.append(_stream(stream))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R /Lang (vi) >>"
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    out = BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, xref)
    )
    return out.getvalue()
