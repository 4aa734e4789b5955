//! MPICH's `<mpi.h>`, imported whole in both modes and called. A program links one MPI, so
//! MPICH is in a test binary of its own, apart from the Open MPI of `corpus.rs`. Its handles
//! are integers, where Open MPI's are addresses of globals: the same header takes another
//! path through the import, to constants.

mod abi {
    use cffi_core::cdef;
    cdef! {
        #[cffi(abi, lib = "mpich", import = "<mpi.h>", allow = "MPI_.*", pkg_config = "mpich")]
        pub unsafe mod mpich {}
    }
}

mod api {
    use cffi_core::cdef;
    cdef! {
        #[cffi(api, import = "<mpi.h>", allow = "MPI_.*", pkg_config = "mpich")]
        pub unsafe mod mpich {}
    }
}

#[test]
fn mpich_version_and_integer_handles() {
    macro_rules! check {
        ($m:path) => {{
            use $m as m;
            let lib = m::Lib::load().unwrap();
            let (mut version, mut subversion) = (0, 0);
            // SAFETY: two valid `int`s to write; MPI_Get_version may be called before
            // MPI_Init.
            let code = unsafe { lib.MPI_Get_version(&mut version, &mut subversion) };
            assert_eq!(code, m::MPI_SUCCESS);
            assert_eq!((version, subversion), (m::MPI_VERSION, m::MPI_SUBVERSION));
            assert_eq!(m::MPI_COMM_WORLD, 0x4400_0000);
            assert_eq!(m::MPI_STATUS_IGNORE as usize, 1);
        }};
    }
    check!(crate::abi::mpich);
    check!(crate::api::mpich);
}
