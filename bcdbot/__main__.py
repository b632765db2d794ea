from bcdbot.cli import main

main()
