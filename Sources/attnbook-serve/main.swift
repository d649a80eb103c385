import AttnbookCLI

// `attnbook serve` execs this program with the words that followed `serve`.
ServeProgram.main()
