"""Microloan Factory (微贷工厂): domain and services. No Streamlit here."""
