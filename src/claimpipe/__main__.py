from claimpipe.cli import main

main()
