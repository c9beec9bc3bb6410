"""Each readability check tested alone, on Documents built by hand (conftest.py), one module per check."""
