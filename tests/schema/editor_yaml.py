"""YAML as an editor's language server reads it, for the schema tests: dates
stay text, and mapping keys are JSON's (text): `2030:` becomes "2030"."""
import yaml


class Loader(yaml.SafeLoader):
    """PyYAML's safe loader without its timestamp resolver."""


Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def as_json(value):
    """Mapping keys as JSON has them (text)."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


def load(text):
    """The document as JSON data."""
    return as_json(yaml.load(text, Loader=Loader))
