with

source as (

    select * from {{ source('raw', 'rejects') }}

),

renamed as (

    select
        -- ids
        load_id,

        -- text
        source_uri,
        reason,
        detail,

        -- timestamps
        rejected_at

    from source

)

select * from renamed
