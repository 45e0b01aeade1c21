"""Great Expectations suites for the pagewarehouse marts."""
