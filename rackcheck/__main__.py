from rackcheck.cli import main

raise SystemExit(main())
