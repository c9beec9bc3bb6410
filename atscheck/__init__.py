"""atscheck: tells a job seeker whether their resume gets past ATS keyword screening for a role."""

__version__ = "0.1.0"
