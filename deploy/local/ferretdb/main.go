// Command ferretdb runs FerretDB 1.24 (MongoDB wire protocol over SQLite) for local naperj
// nodes. It embeds FerretDB's library package instead of building its cmd/ferretdb: that
// command panics at start unless it is built from FerretDB's own repository (it reads a
// generated version.txt that the module zip does not carry).
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listenAddr := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on")
	sqliteURL := flag.String("sqlite-url", "", "SQLite data directory as a file: URL ending with /")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail(fmt.Errorf("bad -log-level: %w", err))
	}
	if *sqliteURL == "" {
		fail(fmt.Errorf("-sqlite-url is required"))
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	db, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listenAddr},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: *sqliteURL,
	})
	if err != nil {
		fail(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	logger.Info("listening", "addr", *listenAddr, "sqlite", *sqliteURL)
	if err := db.Run(ctx); err != nil {
		fail(err)
	}
	logger.Info("stopped")
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "ferretdb:", err)
	os.Exit(1)
}
