package server

import (
	"fmt"
	"net/http"
)

// Server serves things.
type Server struct {
	addr string
}

// Handler handles.
type Handler interface {
	Handle() error
}

type ID int

// Serve starts serving.
func (s *Server) Serve() error {
	fmt.Println(s.addr)
	return nil
}

func (s Server) Addr() string { return s.addr }

// New creates a server.
func New(addr string) *Server {
	return &Server{addr: addr}
}

func Generic[T any](x T) T { return x }
