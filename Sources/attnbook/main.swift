import AttnbookCLI

AttnbookCommand.main()
