import { defineConfig, type EnvironmentOptions } from 'vite';

// Self-contained bundles with stable names, so Razor pages can link them directly
// (and cache-bust with asp-append-version): dist/viewer.{js,css}, dist/modeler.{js,css} and
// dist/intake.js (the intake form's party rows).
// They are built as two environments rather than as two inputs of one build, because one
// build would move the code both share (all of the bpmn-js core) into an extra chunk with a
// generated name; this way a page loads exactly one script and one stylesheet, and the
// viewer never carries the modeler's code.
type Bundle = 'viewer' | 'modeler' | 'intake';

function bundle(name: Bundle, emptyOutDir: boolean): EnvironmentOptions {
  return {
    consumer: 'client',
    build: {
      outDir: 'dist',
      emptyOutDir,
      sourcemap: true,
      cssCodeSplit: true,
      // bpmn-js with the properties panel is ~1.6 MB minified (~450 kB gzipped): known, and
      // only the designer page loads it.
      chunkSizeWarningLimit: 2000,
      rolldownOptions: {
        input: { [name]: `src/${name}.ts` },
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          chunkFileNames: `${name}-[name].js`,
          assetFileNames: '[name][extname]',
          codeSplitting: false,
        },
      },
    },
  };
}

export default defineConfig({
  base: '/designer/',
  publicDir: false,
  environments: {
    // The modeler is built first and empties dist/; the viewer last, so dist/viewer.js (the
    // MSBuild target's output) is only fresh when both bundles were written.
    modeler: bundle('modeler', true),
    intake: bundle('intake', false),
    viewer: bundle('viewer', false),
  },
  builder: {
    async buildApp(builder) {
      await builder.build(builder.environments.modeler);
      await builder.build(builder.environments.intake);
      await builder.build(builder.environments.viewer);
    },
  },
});
