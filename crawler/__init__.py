"""Scrapy project that collects medical-coding job postings from public job sources."""
