with

source as (

    select * from {{ source('raw', 'loads') }}

),

renamed as (

    select
        -- ids
        load_id,

        -- text
        inputs,
        status,

        -- numbers
        pages_seen,
        pages_inserted,
        pages_skipped_duplicate,
        inputs_rejected,
        records_skipped,

        -- timestamps
        started_at,
        finished_at

    from source

)

select * from renamed
