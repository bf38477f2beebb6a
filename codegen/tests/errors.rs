//! Broken api files are rejected with a precise message: YAML syntax and shape errors at
//! `FILE:LINE:COL`, semantic errors at their YAML path with a did-you-mean where one fits.

const FIXTURE: &str = include_str!("fixture/api.yaml");

/// The fixture with `from` replaced by `to` (exactly once).
fn broken(from: &str, to: &str) -> String {
    assert_eq!(FIXTURE.matches(from).count(), 1, "'{from}' must occur once in the fixture");
    FIXTURE.replacen(from, to, 1)
}

fn error_of(text: &str) -> String {
    match wslua_codegen::load_str("api.yaml", text) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(err) => err,
    }
}

#[test]
fn each_broken_variant_names_what_and_where() {
    let cases: Vec<(String, &str)> = vec![
        (broken("  summary: The codegen test fixture.", "  summary: The codegen test fixture.\n   bad: indent"), "api.yaml:6:7: mapping values are not allowed in this context"),
        (broken("    description: SENTINEL-FUNCTION", "    descripton: SENTINEL-FUNCTION"), "api.yaml:83:5: functions[0]: unknown field `descripton`, expected one of `name`, `description`"),
        (broken("    kind: handle", "    kind: record"), "api.yaml:23:11: types[0].kind: unknown variant `record`"),
        (broken("      - name: ratio\n        type: number\n        default: 0.5\n        description: A ratio.\n", "      - name: ratio\n        type: number\n        default: 0.5\n"), "api.yaml:34:9: types[1].fields[1]: missing field `description`"),
        (broken("  - name: write\n", "  - name: write\n    params: 5\n"), "api.yaml:104:13: functions[1].params: invalid type: integer `5`, expected a sequence"),
        (broken("        type: integer\n        unit: milliseconds", "        type: integr\n        unit: milliseconds"), "api.yaml: types.options.fields.timeout.type: unknown type 'integr' (did you mean 'integer'?)"),
        (broken("  - name: close\n", "  - name: write\n"), "api.yaml: functions.write: duplicate name 'write'"),
        (broken("      - name: flag\n", "      - name: ratio\n"), "api.yaml: types.options.fields.ratio: duplicate name 'ratio'"),
        (broken("        default: 3000", "        default: soon"), "api.yaml: types.options.fields.timeout.default: default 'soon' is not of type 'integer'"),
        (broken("        value: 2", "        value: 1"), "api.yaml: constants.color.members.BLUE.value: value 1 is already used by 'RED'"),
        (broken("        value: 2", "        value: two"), "api.yaml: constants.color.members.BLUE.value: 'two' is not of the group's type 'integer'"),
        (broken("        events: [RED]", "        events: [REED]"), "api.yaml: types.event_data.fields.payload.events[0]: unknown event 'REED' (did you mean 'RED'?)"),
        (broken("        default: BLUE", "        default: BLEU"), "api.yaml: types.options.fields.color.default: 'BLEU' is not a constant of group 'color' (did you mean 'BLUE'?)"),
        (broken("        constants: color\n        default: BLUE", "        constants: colour\n        default: BLUE"), "api.yaml: types.options.fields.color.constants: unknown constant group 'colour' (did you mean 'color'?)"),
        (broken("      default: 1.5\n", ""), "api.yaml: config.keys.rate: a config key needs a default"),
        (broken("      - name: url\n        type: string", "      - name: url\n        type: string|bytes"), "api.yaml: functions.open.params.url.type: the types of 'string|bytes' must be two that Lua tells apart (a string and a table, say)"),
        (broken("      type: handle\n      description: SENTINEL-RETURN", "      type: string|map\n      description: SENTINEL-RETURN"), "api.yaml: functions.open.returns.type: a union can only be read from Lua, not written to it"),
        (broken("  - name: close\n", "  - name: close-it\n"), "api.yaml: functions.close-it.name: 'close-it' is not a Lua identifier"),
        (broken("      type: handle\n      description: SENTINEL-RETURN", "      type: callback\n      description: SENTINEL-RETURN"), "api.yaml: functions.open.returns.type: a function type can only be a parameter"),
        (broken("    - name: level\n", "    - name: open\n"), "api.yaml: config.keys.open: 'open' is also the name of functions.open; reference anchors must be unique"),
        (broken("      - name: payload\n", "      - name: end\n"), "api.yaml: types.event_data.fields.end.name: 'end' is a Lua keyword"),
        (broken("      - name: pairs\n        type: map", "      - name: pairs\n        type: handle"), "api.yaml: types.event_data.fields.pairs.type: a table written to Lua holds no 'handle': it lives in Lua, not in Rust"),
        (
            broken("    fields:\n      - name: event\n", &format!("    fields:\n{}      - name: event\n", (0..16).map(|i| format!("      - name: extra{i}\n        type: integer\n        description: x\n")).collect::<String>())),
            "api.yaml: types.event_data.fields: 19 fields; a value written to Lua has at most 16",
        ),
        (
            broken("      - name: name\n        type: string\n", "      - name: name\n        type: string\n        min: 1\n"),
            "api.yaml: types.options.fields.name.min: only numbers have a min, not 'string'",
        ),
        (broken("      min: 0.1\n", "      min: 70\n"), "api.yaml: config.keys.rate.max: max 60 is less than min 70"),
        (broken("        default: 1\n        min: 1", "        default: 0\n        min: 1"), "api.yaml: functions.write.params.count.default: default 0 is out of its min..max"),
    ];
    assert!(cases.len() >= 12);
    let wrong: Vec<String> = cases
        .iter()
        .map(|(text, expected)| (expected, error_of(text)))
        .filter(|(expected, err)| !err.starts_with(*expected))
        .map(|(expected, err)| format!("expected it to start with:\n  {expected}\ngot:\n  {err}"))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_error_is_reported_not_just_the_first() {
    let text =
        broken("        default: 3000", "        default: soon").replacen("        value: 2", "        value: 1", 1);
    let err = error_of(&text);
    assert_eq!(err.lines().count(), 2, "{err}");
}

#[test]
fn any_prefix_of_a_valid_file_gives_an_error_or_a_model_never_a_panic() {
    let api = include_str!("../../api.yaml");
    for text in [FIXTURE, api] {
        for end in (0..text.len()).filter(|i| text.is_char_boundary(*i)).step_by(5) {
            let _ = wslua_codegen::load_str("api.yaml", &text[..end]);
        }
    }
}

proptest::proptest! {
    /// Any text at all: a model or an error, never a panic.
    #[test]
    fn any_text_gives_an_error_or_a_model(text in "\\PC*") {
        let _ = wslua_codegen::load_str("api.yaml", &text);
    }

    /// api.yaml with characters of it replaced, removed or duplicated: still never a panic, and
    /// an error always starts with the file's name.
    #[test]
    fn mutated_api_files_give_an_error_or_a_model(edits in proptest::collection::vec((0usize..1 << 16, 0u8..3, proptest::char::any()), 1..8)) {
        let mut text: Vec<char> = include_str!("../../api.yaml").chars().collect();
        for (at, kind, c) in edits {
            let at = at % text.len();
            match kind {
                0 => text[at] = c,
                1 => { text.remove(at); }
                _ => text.insert(at, text[at]),
            }
        }
        let text: String = text.into_iter().collect();
        if let Err(err) = wslua_codegen::load_str("api.yaml", &text) {
            proptest::prop_assert!(err.starts_with("api.yaml"), "{}", err);
        }
    }
}

/// A file of several modules (runner.yaml's form): each document is checked, errors name the
/// module, and what only such modules use is checked too.
#[test]
fn files_of_several_modules_name_the_module_in_errors() {
    let module = |name: &str, rest: &str| format!("module:\n  name: {name}\n  summary: s\n  description: d\n{rest}");
    let variadic_first = module(
        "tools",
        "  globals: true\nfunctions:\n  - name: show\n    description: d\n    params:\n      - name: values\n        type: any\n        variadic: true\n        description: d\n      - name: last\n        type: string\n        description: d\n",
    );
    let text = format!("{}---\n{variadic_first}", module("first", ""));
    let err = wslua_codegen::load_modules_str("m.yaml", &text).unwrap_err();
    assert_eq!(err, "m.yaml: tools: functions.show.params.values.variadic: only the last parameter can be variadic");
    let bad_null = module(
        "json",
        "constants:\n  - group: nulls\n    type: lightuserdata\n    description: d\n    members:\n      - name: nothing\n        value: 0\n        description: d\n",
    );
    let err = wslua_codegen::load_modules_str("m.yaml", &bad_null).unwrap_err();
    assert_eq!(
        err,
        "m.yaml: json: constants.nulls.members.nothing.value: 0 is not of the group's type 'lightuserdata'"
    );
    let models = wslua_codegen::load_modules(std::path::Path::new("../runner.yaml")).unwrap();
    let names: Vec<&str> = models.iter().map(|m| m.module.name.as_str()).collect();
    assert_eq!(names, ["json", "timer", "sys", "builtins", "http", "crypt", "zlib", "bit", "socket"]);
}
