from compsim.cli import main

main()
