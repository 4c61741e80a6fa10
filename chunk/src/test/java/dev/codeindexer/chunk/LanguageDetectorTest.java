package dev.codeindexer.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageDetectorTest {

    @ParameterizedTest
    @CsvSource({
            "src/Main.java, java", "a/b.py, python", "x.pyi, python", "app.jsx, javascript", "lib.mjs, javascript",
            "x.ts, typescript", "View.tsx, tsx", "main.go, go", "lib.rs, rust", "a.c, c", "a.cc, cpp",
            "a.hpp, cpp", "A.cs, csharp", "a.rb, ruby", "Rakefile, ruby", "index.php, php", "A.kt, kotlin",
            "build.gradle.kts, kotlin", "A.scala, scala", "README.md, markdown", "ci.yml, yaml", "a.json, json",
            "Dockerfile, dockerfile", "Makefile, makefile", "run.sh, shell", "schema.sql, sql", "LICENSE, text",
            "notes.unknownext, text", "C:\\win\\Path.JAVA, java"})
    void byFileName(String path, String language) {
        assertThat(LanguageDetector.detect(path, "").id()).isEqualTo(language);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            #!/usr/bin/env python3                | python
            #!/usr/bin/python2.7                  | python
            #!/bin/bash                           | shell
            #!/bin/sh -e                          | shell
            #!/usr/bin/env node                   | javascript
            #!/usr/bin/env -S deno run --allow-net | typescript
            #!/usr/bin/env ruby                   | ruby
            #!/usr/bin/env FOO=1 perl             | perl
            #!/usr/bin/env                        | text
            #! /usr/bin/env python3               | python
            echo no shebang                       | text
            """)
    void extensionlessScriptsByShebang(String firstLine, String language) {
        assertThat(LanguageDetector.detect("bin/tool", firstLine + "\nrest\n").id()).isEqualTo(language);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            int add(int a, int b);                                  | c
            struct point { int x; };                                | c
            namespace geo { int f(); }                              | cpp
            class Shape {\\n public:\\n  virtual ~Shape();\\n};      | cpp
            template <typename T> T max(T a, T b);                   | cpp
            std::string name();                                     | cpp
            """)
    void headersAreCUnlessTheyLookLikeCpp(String content, String language) {
        assertThat(LanguageDetector.detect("include/x.h", content.replace("\\n", "\n")).id()).isEqualTo(language);
    }
}
