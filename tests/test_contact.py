from atscheck.contact import redact


def test_emails_and_phone_numbers_are_masked_whole() -> None:
    text = "Call (512) 555-0100 or +1 650-620-0912, mail jo.doe+cv@example.co.uk"
    assert redact(text) == "Call [phone] or [phone], mail [email]"


def test_date_ranges_and_years_are_not_phone_numbers() -> None:
    text = "Acme Corp | 2016 - 2020 | 01/2022 - 12/2023 | 99.8% uptime"
    assert redact(text) == text
