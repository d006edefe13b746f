"""Build spreadsheet files for import tests, as staff would save them."""

import csv
import io

import openpyxl

HEADER = ["program", "tytuł", "streszczenie", "adres", "dzielnica", "zajęcia"]


def row(**values):
    base = {
        "program": "pal-testowy",
        "tytuł": "Szachy dla dzieci",
        "streszczenie": "Nauka gry w szachy.",
    }
    return {**base, **values}


def csv_file(rows, encoding="utf-8", delimiter=";", header=None):
    header = header or list(dict.fromkeys(key for values in rows for key in values))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    for values in rows:
        writer.writerow([values.get(key, "") for key in header])
    return io.BytesIO(buffer.getvalue().encode(encoding))


def xlsx_file(rows, header=None):
    header = header or list(dict.fromkeys(key for values in rows for key in values))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for values in rows:
        sheet.append([values.get(key) for key in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def read_xlsx(data):
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], values, strict=True)) for values in rows[1:]]


def read_csv(data):
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))
