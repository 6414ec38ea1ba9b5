"""yusuan (预算): Chinese government budget disclosures → checked data, fact-checks and charts."""
__version__ = "0.2.0"
