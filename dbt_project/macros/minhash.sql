{#- The pieces of the MinHash near-duplicate models that DuckDB and Spark SQL spell differently. -#}

{#- The words of a text: runs of letters and digits (lowercase it first). -#}
{% macro word_list(expression) -%}
    {{ return(adapter.dispatch('word_list', 'pagewarehouse')(expression)) }}
{%- endmacro %}

{% macro default__word_list(expression) -%}
    list_filter(string_split_regex({{ expression }}, '[^\p{L}\p{N}]+'), lambda word: word <> '')
{%- endmacro %}

{% macro spark__word_list(expression) -%}
    filter(split({{ expression }}, '[^\\p{L}\\p{N}]+'), word -> word <> '')
{%- endmacro %}

{#- The distinct non-negative 64-bit hashes of a word list's shingles of `shingle_words` words; a list shorter
    than one shingle still gets one (null-padded) shingle. DuckDB's `hash` and Spark's `xxhash64` are different
    functions, so the two engines' hashes differ (and so, rarely, does a pair's estimated similarity). -#}
{% macro shingle_hashes(words, shingle_words) -%}
    {{ return(adapter.dispatch('shingle_hashes', 'pagewarehouse')(words, shingle_words)) }}
{%- endmacro %}

{% macro default__shingle_hashes(words, shingle_words) -%}
    list_distinct(list_transform(
        range(1, greatest(len({{ words }}) - {{ shingle_words - 1 }}, 1) + 1),
        lambda i: hash(
            {%- for offset in range(shingle_words) %}
            {{ words }}[i + {{ offset }}]{{ "," if not loop.last }}
            {%- endfor %}
        )
    ))
{%- endmacro %}

{% macro spark__shingle_hashes(words, shingle_words) -%}
    array_distinct(transform(
        sequence(1, greatest(size({{ words }}) - {{ shingle_words - 1 }}, 1)),
        i -> xxhash64(
            {%- for offset in range(shingle_words) %}
            try_element_at({{ words }}, i + {{ offset }}){{ "," if not loop.last }}
            {%- endfor %}
        ) & 9223372036854775807
    ))
{%- endmacro %}

{#- Aggregate: one hash of a band's (bin, bin_min_hash) pairs, in bin order. -#}
{% macro band_key(bin, bin_min_hash) -%}
    {{ return(adapter.dispatch('band_key', 'pagewarehouse')(bin, bin_min_hash)) }}
{%- endmacro %}

{% macro default__band_key(bin, bin_min_hash) -%}
    hash(list(struct_pack({{ bin }}, {{ bin_min_hash }}) order by {{ bin }}))
{%- endmacro %}

{% macro spark__band_key(bin, bin_min_hash) -%}
    xxhash64(array_sort(collect_list(named_struct('bin', {{ bin }}, 'bin_min_hash', {{ bin_min_hash }}))))
{%- endmacro %}
