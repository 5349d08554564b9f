"""Quality against public gold data, one module per task: ``entities`` (a gold article, CoNLL-2003),
``timeml`` (dates on TimeML), ``polnear`` (quotes on PolNeAR), ``checkworthy`` (CheckThat! 2024); with
``metrics`` (the one P/R/F1) and ``datasets`` (where the public data is, and a reader per format)."""
