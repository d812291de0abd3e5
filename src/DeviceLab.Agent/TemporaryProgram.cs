return 1; // TEMPORARY until the engine lands
