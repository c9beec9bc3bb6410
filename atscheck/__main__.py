from atscheck.cli import main

main()
