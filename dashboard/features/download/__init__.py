"""The data as a download: each published version as a zip (Frictionless data package plus toestand.csv)."""
